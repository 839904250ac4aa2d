package io.nemesisdb.store;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.ops.StoreMetrics;
import io.nemesisdb.persist.DatasetException;
import io.nemesisdb.persist.DatasetLayout;
import io.nemesisdb.persist.DatasetReader;
import io.nemesisdb.persist.LoadProgress;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Loads a dataset into the server's {@link Store} and times it: for {@code KV_LOAD} and
 * {@code SH_LOAD}, with their replies, and for the start-up load.
 */
@ApplicationScoped
public class DatasetLoader {

    private static final Logger LOG = Logger.getLogger(DatasetLoader.class.getName());

    /** What a load command's 150 reply adds after {@code name}. */
    @FunctionalInterface
    public interface CompleteReply {
        Reply members(Reply reply, Restored restored, long millis);
    }

    @Inject
    Store store;

    @Inject
    StoreMetrics metrics;

    @Inject
    ServerSettings settings;

    /**
     * Runs a load command: loads dataset {@code name} from {@code nemesis.persist.path} and replies
     * 150 with {@code name} and what {@code complete} adds, or 151 saying why nothing was loaded.
     */
    public void loadForCommand(CommandContext context, SaveName name, CompleteReply complete) {
        long started = System.nanoTime();
        try {
            Restored restored = load(settings.persistPath(), name, settings.maxDepth());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.info(() -> "loaded '" + name + "': " + restored.summary() + " in " + millis + " ms");
            context.send(complete.members(context.reply(Status.LOAD_COMPLETE).add("name", name.value()), restored, millis));
        } catch (DatasetException e) {
            LOG.warning("load of '" + name + "' failed, nothing was loaded: " + e.getMessage());
            context.send(context.reply(Status.LOAD_ERROR).add("name", name.value()).add("m", e.getMessage()));
        }
    }

    /** Loads dataset {@code name} from the datasets under {@code root}, parsing values up to {@code maxDepth} deep. */
    public Restored load(Path root, SaveName name, int maxDepth) throws DatasetException {
        return load(root, name, maxDepth, LoadProgress.NONE);
    }

    /** As {@link #load(Path, SaveName, int)}, counting what it reads in {@code progress}. */
    public Restored load(Path root, SaveName name, int maxDepth, LoadProgress progress) throws DatasetException {
        return metrics.timeLoad(() -> store.restore(new DatasetReader(new DatasetLayout(root), maxDepth, progress), name));
    }
}
