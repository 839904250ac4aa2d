package io.nemesisdb.cluster;

import java.util.UUID;
import java.util.function.IntConsumer;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.nemesisdb.grid.GridKvStore;
import io.nemesisdb.grid.GridSessionsStore;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.store.ClusterStores;
import io.nemesisdb.store.Store;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;

/**
 * The grid stores on this server's member, and the cluster's run-once marks ({@link ClusterStores}).
 * Vetoed like {@link ClusterMember}, whose {@code HazelcastInstance} it uses: {@link ClusterExtension}
 * adds it only in cluster mode.
 */
@Vetoed
class MemberStores implements ClusterStores {

    /** Map of the run-once marks: a task's name to the member running it, or {@link #DONE}. */
    static final String MARKS_MAP = "nemesis-cluster";
    private static final String DONE = "done";
    /** How often a member waiting for another's task looks again. */
    private static final long WAIT_MILLIS = 100;

    @Inject
    HazelcastInstance member;

    /** Adds the marks' map to a member's configuration, with {@code backups} synchronous backups. */
    static void configure(Config config, int backups) {
        config.getMapConfig(MARKS_MAP).setBackupCount(backups).setAsyncBackupCount(0);
    }

    @Override
    public Store store(Mode mode, IntConsumer expired) {
        return switch (mode) {
            case SESSIONS -> new GridSessionsStore(member, expired);
            case KV -> new GridKvStore(member);
        };
    }

    @Override
    public boolean once(String task, Runnable work) throws InterruptedException {
        IMap<String, String> marks = member.getMap(MARKS_MAP);
        String me = member.getCluster().getLocalMember().getUuid().toString();
        while (true) {
            String holder = marks.putIfAbsent(task, me);
            if (holder == null || (!holder.equals(DONE) && !isMember(holder) && marks.replace(task, holder, me))) {
                run(marks, task, me, work);
                return true;
            }
            if (holder.equals(DONE)) {
                return false;
            }
            Thread.sleep(WAIT_MILLIS);
        }
    }

    private static void run(IMap<String, String> marks, String task, String me, Runnable work) {
        boolean done = false;
        try {
            work.run();
            done = true;
        } finally {
            if (done) {
                marks.put(task, DONE);
            } else {
                marks.remove(task, me);
            }
        }
    }

    private boolean isMember(String uuid) {
        UUID id = UUID.fromString(uuid);
        return member.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().equals(id));
    }
}
