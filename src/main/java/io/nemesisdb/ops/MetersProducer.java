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

    private ProtocolMetrics metrics;

    @PostConstruct
    void init() {
        metrics = enabled ? new ProtocolMetrics(Metrics.globalRegistry()) : null;
    }

    @Produces
    @Singleton
    CommandMeter commandMeter() {
        return enabled ? metrics : CommandMeter.NONE;
    }

    @Produces
    @Singleton
    TransportMeter transportMeter() {
        return enabled ? metrics : TransportMeter.NONE;
    }
}
