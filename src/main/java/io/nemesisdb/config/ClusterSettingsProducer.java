package io.nemesisdb.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the checked {@link ClusterSettings} injectable. */
@ApplicationScoped
class ClusterSettingsProducer {

    @Produces
    @Singleton
    ClusterSettings settings(Config config) {
        return ClusterSettings.from(config);
    }
}
