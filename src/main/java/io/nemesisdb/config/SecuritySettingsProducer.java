package io.nemesisdb.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the checked {@link SecuritySettings} injectable. */
@ApplicationScoped
class SecuritySettingsProducer {

    @Produces
    @Singleton
    SecuritySettings settings(Config config) {
        return SecuritySettings.from(config);
    }
}
