package io.nemesisdb.ops;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.nemesisdb.config.OperationsSettings;
import io.nemesisdb.config.SecuritySettings;
import io.nemesisdb.security.AccessKeys;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * With {@code nemesis.auth.metrics=true}, {@code /metrics} on the admin port answers only a
 * request with a valid access key ({@code Authorization: Bearer <key>}, any role), as Prometheus
 * sends its bearer token; without one it answers 401. Health stays open for the probes.
 */
@ApplicationScoped
class MetricsAccess {

    @Inject
    SecuritySettings settings;

    @Inject
    AccessKeys keys;

    /** Adds the filter before Helidon starts (at {@code PLATFORM_AFTER + 100}). */
    void protect(@Observes @Priority(PLATFORM_AFTER + 40) @Initialized(ApplicationScoped.class) Object started, BeanManager beans) {
        if (!settings.metricsNeedKey()) {
            return;
        }
        beans.getExtension(ServerCdiExtension.class).serverNamedRoutingBuilder(OperationsSettings.ADMIN_SOCKET)
                .addFilter((chain, request, response) -> {
                    if (!request.path().path().startsWith("/metrics") || hasKey(request.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
                        chain.proceed();
                        return;
                    }
                    response.status(Status.UNAUTHORIZED_401)
                            .header(HeaderValues.create("WWW-Authenticate", "Bearer realm=\"nemesisdb-metrics\""))
                            .send("/metrics needs an access key: Authorization: Bearer <key>\n");
                });
    }

    private boolean hasKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return keys.find(authorization.substring(7).trim()) != null;
    }
}
