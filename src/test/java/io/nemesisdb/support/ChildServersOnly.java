package io.nemesisdb.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Marks a test class whose servers all run in child JVMs ({@link ServerProcess}) in folders of its
 * own (under target/child-servers, not target/test-persist, where KvSaveLoadTest checks that a
 * rejected name changes nothing), so that nothing it does touches the test JVM's server or its
 * folders: the build runs it beside the other classes, which run one at a time (pom.xml's surefire
 * configuration). Its own tests run beside each other too (the mode is inherited); a class whose
 * tests share one server or folder, or must run in order, adds a {@code @ResourceLock} of its own
 * name, which makes them run one after the other, as the cluster tests do. Most of its time is
 * spent waiting for children to start and stop. A class that starts no server at all and shares
 * nothing with the others (a stress test of the store alone) qualifies as well.
 */
@Execution(ExecutionMode.CONCURRENT)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ChildServersOnly {
}
