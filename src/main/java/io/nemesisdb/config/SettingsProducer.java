package io.nemesisdb.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the checked {@link ServerSettings} injectable. */
@ApplicationScoped
class SettingsProducer {

    @Produces
    @Singleton
    ServerSettings settings(Config config) {
        return ServerSettings.from(config);
    }
}
