package io.nemesisdb.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Marks a test whose outcome depends on the transport (framing, limits, closes, what a slow or
 * vanishing client does): the build runs these once per transport, every other test once.
 */
@Tag("transport")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TransportTest {
}
