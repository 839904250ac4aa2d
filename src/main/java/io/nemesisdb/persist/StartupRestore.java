package io.nemesisdb.persist;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.nemesisdb.config.OperationsSettings;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.protocol.Mode;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Loads the dataset named by {@code nemesis.load.name} (0.6.4: {@code --loadName}) from
 * {@code nemesis.load.path} before the server accepts clients. When it cannot be loaded the
 * server does not start: a {@link StartupLoadException} says why. With
 * {@code nemesis.load.missing-ok}, a dataset that has no complete save yet (the first start of a
 * pod that saves on stop) is not an error: the server starts empty.
 */
@ApplicationScoped
class StartupRestore {

    private static final Logger LOG = Logger.getLogger(StartupRestore.class.getName());

    /** Runs after the application is deployed and before the listener starts (Helidon starts it at PLATFORM_AFTER + 100). */
    void restore(@Observes @Priority(PLATFORM_AFTER + 50) @Initialized(ApplicationScoped.class) Object event,
                 ServerSettings settings, OperationsSettings operations,
                 Instance<KvDatasets> kv, Instance<SessionDatasets> sessions) {
        String rawName = settings.loadName();
        if (rawName == null) {
            return;
        }
        if (SaveName.problem(rawName) != null) {
            throw new StartupLoadException("cannot load '" + rawName + "' at start-up: " + SaveName.rule());
        }
        SaveName name = new SaveName(rawName);
        long started = System.nanoTime();
        try {
            if (operations.loadMissingOk()
                    && !new DatasetReader(new DatasetLayout(settings.loadPath()), settings.maxDepth()).hasCompleteSave(name)) {
                LOG.info(() -> "no saved dataset '" + name + "' in " + settings.loadPath() + " yet: starting empty");
                return;
            }
            String loaded;
            if (settings.mode() == Mode.KV) {
                loaded = kv.get().load(settings.loadPath(), name, settings.maxDepth()) + " keys";
            } else {
                SessionDatasets.Restored restored = sessions.get().load(settings.loadPath(), name, settings.maxDepth());
                loaded = restored.sessions() + " sessions, " + restored.keys() + " keys";
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.info(() -> "loaded '" + name + "' from " + settings.loadPath() + " at start-up: " + loaded + " in " + millis + " ms");
        } catch (DatasetException e) {
            throw new StartupLoadException("cannot load '" + name + "' at start-up: " + e.getMessage());
        }
    }
}
