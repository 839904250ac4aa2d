package io.nemesisdb.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Adds the {@link ClusterMember} bean, and so the {@code HazelcastInstance} bean, and the grid
 * stores on it ({@link MemberStores}) only in cluster mode: both classes are {@code @Vetoed}, since
 * bean discovery would otherwise start a member and load Hazelcast's classes even with the mode off. A single server loads none of them (checked with
 * {@code -verbose:class}) and starts as fast as before.
 */
public class ClusterExtension implements Extension {

    private static final String ENABLED = "nemesis.cluster.enabled";

    /**
     * Bean discovery is Helidon's build time: the config seen here is the server's (Main registers
     * it before the container starts), where the flag was already checked; a container started
     * another way (a {@code @HelidonTest}) may see a config without it, which means off.
     */
    void addMember(@Observes BeforeBeanDiscovery discovery) {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(ENABLED, String.class)
                .map(value -> Boolean.parseBoolean(value.strip())).orElse(false);
        if (enabled) {
            for (Class<?> bean : new Class<?>[] {ClusterMember.class, MemberStores.class}) {
                discovery.addAnnotatedType(bean, bean.getName())
                        .remove(annotation -> annotation.annotationType() == Vetoed.class)
                        .add(ApplicationScoped.Literal.INSTANCE);
            }
        }
    }
}
