package io.nemesisdb.ops;

import io.nemesisdb.command.CommandMeter;
import io.nemesisdb.transport.TransportMeter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Gives the protocol core and the transports their meters: counters in the application registry,
 * or meters that record nothing when Helidon's {@code metrics.enabled} is false.
 */
@ApplicationScoped
class MetersProducer {

    @Inject
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "metrics.enabled", defaultValue = "true")
    boolean enabled;

    private Object meters;

    @PostConstruct
    void init() {
        meters = enabled ? new ProtocolMetrics(registry) : new DisabledMetrics();
    }

    @Produces
    @Singleton
    CommandMeter commandMeter() {
        return (CommandMeter) meters;
    }

    @Produces
    @Singleton
    TransportMeter transportMeter() {
        return (TransportMeter) meters;
    }
}
