package io.nemesisdb.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.ops.FinalSave;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.SaveRunner;
import io.nemesisdb.persist.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The save of {@code nemesis.persist.save-on-stop} at shutdown: the whole store of the server's
 * mode, written like {@code KV_SAVE}/{@code SH_SAVE} (crash-safe, the same layout). It runs on
 * its own thread so that the shutdown can stop waiting at its deadline; a save cut off there
 * stays incomplete and is never loaded, and earlier datasets stay intact. The name and that
 * saving is enabled were checked at start-up ({@code OperationsSettings}); a failure here has a
 * one-line message.
 */
@ApplicationScoped
class StopSave implements FinalSave {

    @Inject
    ServerSettings settings;

    @Inject
    SaveRunner saves;

    @Inject
    Store store;

    @Override
    public void save(String rawName, Duration timeout) throws Exception {
        if (SaveName.problem(rawName) != null) {
            throw new IllegalArgumentException("cannot save '" + rawName + "': " + SaveName.rule());
        }
        if (!settings.persistEnabled()) {
            throw new IllegalStateException("cannot save '" + rawName + "': saving is disabled (nemesis.persist.enabled=false)");
        }
        SaveName name = new SaveName(rawName);
        Snapshot snapshot = store.snapshot();
        CompletableFuture<Void> written = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("nemesis-stop-save").start(() -> {
            try {
                saves.saveNow(name, snapshot);
                written.complete(null);
            } catch (Throwable e) {
                written.completeExceptionally(e);
            }
        });
        try {
            written.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new java.io.IOException(SaveRunner.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("not finished within the shutdown timeout (nemesis.shutdown-timeout); "
                    + "the incomplete save is never loaded");
        }
    }
}
