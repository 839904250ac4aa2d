package io.nemesisdb;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.nemesisdb.config.ServerSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;

/** Prints the one start-up line once the server listens: version, mode, address, data path. */
@ApplicationScoped
class StartupBanner {

    void started(@Observes @Priority(PLATFORM_AFTER + 200) @Initialized(ApplicationScoped.class) Object event,
                 BeanManager beans, ServerSettings settings) {
        ServerCdiExtension server = beans.getExtension(ServerCdiExtension.class);
        String version = StartupBanner.class.getPackage().getImplementationVersion();
        System.out.printf("NemesisDB %s ready: %s mode, ws://%s:%d/, persist %s (%s)%n",
                version == null ? "dev" : version,
                settings.mode().name().toLowerCase(),
                settings.host(), server.port(),
                settings.persistEnabled() ? "enabled" : "disabled",
                settings.persistPath());
    }
}
