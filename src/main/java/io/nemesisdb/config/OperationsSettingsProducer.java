package io.nemesisdb.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the checked {@link OperationsSettings} injectable. */
@ApplicationScoped
class OperationsSettingsProducer {

    @Produces
    @Singleton
    OperationsSettings settings(Config config) {
        return OperationsSettings.from(config);
    }
}
