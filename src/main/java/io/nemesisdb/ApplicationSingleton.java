package io.nemesisdb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.inject.Stereotype;
import jakarta.inject.Singleton;

/**
 * A bean with one instance for the application that is injected as itself, not through a client
 * proxy: for beans called on every request. Weld's client proxies of {@code @ApplicationScoped}
 * beans call through {@code Method.invoke}, which the JFR profile of the pipelined benchmark showed
 * on every request. A stereotype, because {@code @Singleton} alone does not make a class a bean
 * under the application's {@code annotated} bean discovery.
 */
@Stereotype
@Singleton
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ApplicationSingleton {
}
