package io.nemesisdb.cluster;

import io.nemesisdb.config.ClusterSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Adds the {@link ClusterMember} bean, and so the {@code HazelcastInstance} bean, only in cluster
 * mode: the class is {@code @Vetoed}, since bean discovery would otherwise start a member and load
 * Hazelcast's classes even with the mode off. A single server loads none of them (checked with
 * {@code -verbose:class}) and starts as fast as before.
 */
public class ClusterExtension implements Extension {

    void addMember(@Observes BeforeBeanDiscovery discovery) {
        if (ClusterSettings.from(ConfigProvider.getConfig()).enabled()) {
            discovery.addAnnotatedType(ClusterMember.class, ClusterMember.class.getName())
                    .remove(annotation -> annotation.annotationType() == Vetoed.class)
                    .add(ApplicationScoped.Literal.INSTANCE);
        }
    }
}
