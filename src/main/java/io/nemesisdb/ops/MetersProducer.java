package io.nemesisdb.ops;

import io.helidon.metrics.api.Metrics;
import io.nemesisdb.command.CommandMeter;
import io.nemesisdb.transport.TransportMeter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives the protocol core and the transports their meters: counters in Helidon's meter registry,
 * which {@code /metrics} reports, or meters that record nothing when Helidon's
 * {@code metrics.enabled} is false.
 */
@ApplicationScoped
class MetersProducer {

    @Inject
    @ConfigProperty(name = "metrics.enabled", defaultValue = "true")
    boolean enabled;

    private Object meters;

    @PostConstruct
    void init() {
        meters = enabled ? new ProtocolMetrics(Metrics.globalRegistry()) : new DisabledMetrics();
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
