package io.nemesisdb.persist;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.config.SaveReplies;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.ops.StoreMetrics;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.ReplySink;
import io.nemesisdb.protocol.Status;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs the saves of both modes with their replies. On the request's thread: checks the name
 * and that persistence is enabled, creates the save's directories (122 when that fails), takes the
 * point-in-time snapshot and replies 120, so that the snapshot holds exactly what was written
 * before the save and nothing the connection sends after it. A background thread then writes the
 * snapshot and replies 121 with the duration, or 123 with a log line saying why. With
 * {@code nemesis.persist.save-replies=one} the 120 is left out: the outcome is the only reply.
 */
@ApplicationScoped
public class SaveRunner {

    private static final Logger LOG = Logger.getLogger(SaveRunner.class.getName());

    @Inject
    ServerSettings settings;

    @Inject
    StoreMetrics metrics;

    private final SaveClock clock = new SaveClock();
    private SnapshotWriter writer;
    private ExecutorService background;

    @PostConstruct
    void init() {
        writer = new SnapshotWriter(new DatasetLayout(settings.persistPath()), SnapshotWriter.DEFAULT_MAX_FILE_BYTES);
        background = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "nemesis-save");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lets saves that are being written finish before the server stops. */
    @PreDestroy
    void stop() {
        background.shutdown();
        try {
            if (!background.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warning("a save was still being written at shutdown; its dataset stays incomplete and is never loaded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Saves what {@code snapshotter} returns as dataset {@code name}, replying to the command of {@code context}.
     *
     * @param snapshotter takes the point-in-time snapshot; runs on the request's thread
     */
    public void save(CommandContext context, SaveName name, Supplier<? extends Snapshot> snapshotter) {
        if (!settings.persistEnabled()) {
            context.fail(Status.COMMAND_DISABLED, "saving is disabled (nemesis.persist.enabled=false)");
            return;
        }
        String rawName = name.value();
        long started = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long ts = clock.next();
        try {
            writer.prepare(name, ts);
        } catch (IOException | RuntimeException e) {
            String why = describe(e);
            LOG.warning("save of '" + name + "' refused: cannot create its directory: " + why);
            context.send(context.reply(Status.SAVE_DIR_WRITE_FAIL).add("name", rawName)
                    .add("m", "cannot create the save directory: " + why));
            return;
        }
        Snapshot snapshot;
        long snapshotStart = System.nanoTime();
        try {
            snapshot = snapshotter.get();
        } catch (RuntimeException e) {
            writer.discard(name, ts);
            throw e;
        }
        long snapshotMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - snapshotStart);
        if (settings.saveReplies() == SaveReplies.TWO) {
            context.send(context.reply(Status.SAVE_START).add("name", rawName));
        }
        ReplySink sink = context.sink();
        try {
            background.execute(() -> write(context, sink, name, ts, started, startMillis, snapshot, snapshotMillis));
        } catch (RejectedExecutionException e) {
            writer.discard(name, ts);
            sink.send(context.render(context.reply(Status.SAVE_ERROR).add("name", rawName).add("m", "the server is stopping")));
        }
    }

    private void write(CommandContext context, ReplySink sink, SaveName name, long ts, long started, long startMillis,
                       Snapshot snapshot, long snapshotMillis) {
        Reply reply;
        try {
            SnapshotWriter.Written written = writer.write(name, ts, startMillis, snapshot);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            metrics.saved(true, Duration.ofNanos(System.nanoTime() - started));
            LOG.info(() -> "saved '" + name + "' to " + written.dir() + ": " + written.files() + " data files, "
                    + written.bytes() + " bytes in " + millis + " ms (snapshot " + snapshotMillis + " ms)");
            reply = context.render(context.reply(Status.SAVE_COMPLETE).add("name", name.value()).add("duration", millis));
        } catch (Throwable e) {
            writer.discard(name, ts);
            metrics.saved(false, Duration.ofNanos(System.nanoTime() - started));
            String why = describe(e);
            LOG.log(e instanceof IOException ? Level.WARNING : Level.SEVERE,
                    "save of '" + name + "' failed, earlier datasets are untouched: " + why,
                    e instanceof IOException ? null : e);
            reply = context.render(context.reply(Status.SAVE_ERROR).add("name", name.value()).add("m", "save failed: " + why));
        }
        sink.send(reply);
    }

    /**
     * Saves {@code snapshot} as {@code name} on the calling thread, for the final save at shutdown,
     * and returns once it is durable; on failure nothing of it remains.
     */
    public void saveNow(SaveName name, Snapshot snapshot) throws IOException {
        long started = System.nanoTime();
        long ts = clock.next();
        boolean complete = false;
        try {
            writer.prepare(name, ts);
            try {
                writer.write(name, ts, System.currentTimeMillis(), snapshot);
                complete = true;
            } catch (IOException | RuntimeException e) {
                writer.discard(name, ts);
                throw e;
            }
        } finally {
            metrics.saved(complete, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** A one-line cause, naming the file and the system's reason. */
    public static String describe(Throwable e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return "a file is in the way: " + exists.getFile();
        }
        if (e instanceof NotDirectoryException notDir) {
            return "not a directory: " + notDir.getFile();
        }
        if (e instanceof NoSuchFileException missing && missing.getReason() == null) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof FileSystemException fs) {
            return fs.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
