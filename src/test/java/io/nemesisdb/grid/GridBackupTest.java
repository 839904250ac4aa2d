package io.nemesisdb.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import io.nemesisdb.session.Expiry;
import jakarta.json.Json;
import jakarta.json.JsonNumber;

/**
 * With one synchronous backup, a session survives the crash of the member that owns it: every
 * acknowledged write, and the deadline the last command set, are on the backup that takes over.
 */
class GridBackupTest {

    private static final int FIRST_PORT = 21110;

    @Test
    void acknowledgedWritesAndDeadlinesSurviveTheOwnersCrash() throws InterruptedException {
        try (GridMembers members = new GridMembers(3, FIRST_PORT)) {
            GridSessionsStore entry = new GridSessionsStore(members.member(0), expired -> { });
            long token = entry.createPrivate(new Expiry(600, true));
            for (int i = 1; i <= 50; i++) {
                new GridKeySpace(members.member(0).<Long, GridSession>getMap(GridSessionsStore.MAP), token, expired -> { })
                        .setAll(Json.createObjectBuilder().add("k" + (i % 5), i).build());
            }
            // a read extends the session too: its new deadline must reach the backup
            Thread.sleep(5);
            new GridKeySpace(members.member(0).<Long, GridSession>getMap(GridSessionsStore.MAP), token, expired -> { }).count();
            int owner = ownerIndex(members, token);
            long deadline = copy(members.member(owner), token).deadlineMillis();
            members.kill(owner);
            int survivor = owner == 0 ? 1 : 0;
            GridSessionsStore other = new GridSessionsStore(members.member(survivor), expired -> { });
            // before any KV_ command, which would extend it
            assertEquals(deadline, copy(members.member(survivor), token).deadlineMillis(), "the backup kept the owner's deadline");
            GridKeySpace keys = new GridKeySpace(members.member(survivor).getMap(GridSessionsStore.MAP), token, expired -> { });
            assertEquals(List.of("k1", "k2", "k3", "k4", "k0"), keys.keys());
            assertEquals(50, ((JsonNumber) keys.get("k0")).intValue());
            assertTrue(other.exists(token));
        }
    }

    private static GridSession copy(HazelcastInstance member, long token) {
        IMap<Long, GridSession> sessions = member.getMap(GridSessionsStore.MAP);
        return sessions.executeOnKey(token, new SessionCalls.Copy());
    }

    private static int ownerIndex(GridMembers members, long token) {
        HazelcastInstance any = members.member(0);
        var owner = any.getPartitionService().getPartition(token).getOwner();
        for (int i = 0; i < 3; i++) {
            if (members.member(i).getCluster().getLocalMember().equals(owner)) {
                return i;
            }
        }
        throw new AssertionError("no owner of " + token);
    }
}
