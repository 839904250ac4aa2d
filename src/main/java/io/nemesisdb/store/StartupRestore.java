package io.nemesisdb.store;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.nemesisdb.config.OperationsSettings;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.persist.DatasetException;
import io.nemesisdb.persist.DatasetLayout;
import io.nemesisdb.persist.DatasetReader;
import io.nemesisdb.persist.LoadProgress;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.StartupLoadException;
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
 * pod that saves on stop) is not an error: the server starts empty. It logs when the load starts,
 * how far it has got every two seconds, and the rate at the end. In cluster mode the load fills
 * the cluster once in its life ({@link ClusterStores#once}): the first member to start loads, the
 * members starting meanwhile wait for it, and members that join later (a restart) load nothing.
 */
@ApplicationScoped
class StartupRestore {

    private static final Logger LOG = Logger.getLogger(StartupRestore.class.getName());

    private static final long PROGRESS_INTERVAL_SECONDS = 2;
    /** The cluster's mark of its start-up load (cluster.md 5.5). */
    private static final String CLUSTER_TASK = "start-up load";

    /** Runs after the application is deployed and before the listener starts (Helidon starts it at PLATFORM_AFTER + 100). */
    void restore(@Observes @Priority(PLATFORM_AFTER + 50) @Initialized(ApplicationScoped.class) Object event,
                 ServerSettings settings, OperationsSettings operations,
                 DatasetLoader loader, Instance<ClusterStores> cluster) {
        String rawName = settings.loadName();
        if (rawName == null) {
            return;
        }
        if (SaveName.problem(rawName) != null) {
            throw new StartupLoadException("cannot load '" + rawName + "' at start-up: " + SaveName.rule());
        }
        SaveName name = new SaveName(rawName);
        if (!cluster.isResolvable()) {
            load(settings, operations, loader, name);
            return;
        }
        LOG.info(() -> "loading '" + name + "' into the cluster at start-up, unless another member does or did");
        try {
            if (!cluster.get().once(CLUSTER_TASK, () -> load(settings, operations, loader, name))) {
                LOG.info(() -> "the cluster's start-up load was done by another member: not loading '" + name + "' here");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupLoadException("cannot load '" + name + "' at start-up: interrupted while another member loaded it");
        }
    }

    private static void load(ServerSettings settings, OperationsSettings operations, DatasetLoader loader, SaveName name) {
        long started = System.nanoTime();
        try {
            if (operations.loadMissingOk()
                    && !new DatasetReader(new DatasetLayout(settings.loadPath()), settings.maxDepth()).hasCompleteSave(name)) {
                LOG.info(() -> "no saved dataset '" + name + "' in " + settings.loadPath() + " yet: starting empty");
                return;
            }
            LOG.info(() -> "loading '" + name + "' from " + settings.loadPath() + " at start-up");
            LoadProgress progress = LoadProgress.watched();
            String loaded;
            try (ProgressLog ignored = new ProgressLog(name, progress, started)) {
                loaded = loader.load(settings.loadPath(), name, settings.maxDepth(), progress).summary();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double megabytes = progress.bytesRead() / 1e6;
            LOG.info(() -> String.format(Locale.ROOT, "loaded '%s' from %s at start-up: %s, %.1f MB in %.1f s (%.0f MB/s)",
                    name, settings.loadPath(), loaded, megabytes, seconds, seconds > 0 ? megabytes / seconds : 0));
        } catch (DatasetException e) {
            throw new StartupLoadException("cannot load '" + name + "' at start-up: " + e.getMessage());
        }
    }

    /** Logs how far the load has got every {@link #PROGRESS_INTERVAL_SECONDS} seconds until closed. */
    private static final class ProgressLog implements AutoCloseable {

        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "nemesis-load-progress");
            thread.setDaemon(true);
            return thread;
        });

        ProgressLog(SaveName name, LoadProgress progress, long started) {
            timer.scheduleWithFixedDelay(() -> LOG.info(() -> "loading '" + name + "': " + progress.report()
                            + " after " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s"),
                    PROGRESS_INTERVAL_SECONDS, PROGRESS_INTERVAL_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
