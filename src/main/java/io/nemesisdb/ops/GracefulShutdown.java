package io.nemesisdb.ops;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nemesisdb.command.CommandGate;
import io.nemesisdb.config.OperationsSettings;
import io.nemesisdb.transport.OpenConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The shutdown sequence run on SIGTERM, within {@code nemesis.shutdown-timeout}: readiness goes
 * false, new messages are no longer executed and the ones being executed finish and reply, every
 * client is closed with 1001 (and any that connects later too), the dataset named by
 * {@code nemesis.persist.save-on-stop} is saved by the {@link FinalSave} (in cluster mode the whole
 * cluster's data, which this member still reaches), then in cluster mode the member leaves the
 * cluster once its partitions have moved to the others ({@link ClusterMembership#leave}).
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class.getName());

    @Inject
    ServerLifecycle lifecycle;

    @Inject
    CommandGate gate;

    @Inject
    OpenConnections connections;

    @Inject
    OperationsSettings settings;

    @Inject
    Instance<FinalSave> finalSave;

    @Inject
    Instance<ClusterMembership> cluster;

    /**
     * Runs the sequence, logging each step; true when everything, the final save included,
     * completed in time.
     *
     * @param cause what asked for it, for the log ("SIGTERM")
     */
    public boolean run(String cause) {
        long started = System.nanoTime();
        long deadline = started + settings.shutdownTimeout().toNanos();
        LOG.info(() -> "shutdown on " + cause + " (at most " + settings.shutdownTimeout().toSeconds()
                + " s): not ready any more, new commands are refused");
        lifecycle.stopping();
        gate.close();
        boolean complete = true;
        try {
            if (gate.awaitIdle(remaining(deadline))) {
                LOG.info("shutdown: running commands finished");
            } else {
                LOG.warning("shutdown: commands still running when the shutdown timeout ran out");
                complete = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            complete = false;
        }
        int clients = connections.count();
        connections.closeAll("server shutting down");
        LOG.info(() -> "shutdown: " + clients + " client connection" + (clients == 1 ? "" : "s") + " closed with 1001");
        // before the leave: in cluster mode the data is the cluster's, and a member that has left reaches none
        if (settings.saveOnStop().isPresent()) {
            LOG.info(() -> "shutdown: saving dataset " + settings.saveOnStop().get()
                    + (cluster.isResolvable() ? ", all of the cluster's data, before leaving it" : ""));
            complete &= save(settings.saveOnStop().get(), deadline);
        }
        if (cluster.isResolvable()) {
            complete &= leave(cluster.get(), deadline);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        boolean done = complete;
        LOG.info(() -> "shutdown " + (done ? "complete" : "incomplete") + " after " + millis + " ms: exiting");
        return complete;
    }

    private static boolean leave(ClusterMembership member, long deadline) {
        LOG.info("shutdown: leaving the cluster, moving this member's partitions to the others");
        if (member.leave(remaining(deadline))) {
            LOG.info("shutdown: left the cluster");
            return true;
        }
        LOG.warning("shutdown: the shutdown timeout ran out before this member's partitions had moved; the others"
                + " keep their backups");
        return false;
    }

    private boolean save(String name, long deadline) {
        if (finalSave.isUnsatisfied()) {
            LOG.severe("shutdown: cannot save dataset " + name + " on stop: this server has no persistence");
            return false;
        }
        try {
            finalSave.get().save(name, remaining(deadline));
            LOG.info("shutdown: dataset " + name + " saved");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.severe("shutdown: saving dataset " + name + " failed: interrupted");
            return false;
        } catch (Exception e) {
            // one line that says why: the operator needs the cause (disk full, permission), not a stack
            LOG.severe("shutdown: saving dataset " + name + " failed: " + why(e));
            LOG.log(Level.FINE, "shutdown: the final save's failure", e);
            return false;
        }
    }

    private static String why(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
