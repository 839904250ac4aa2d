package io.nemesisdb.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import io.nemesisdb.support.ConcurrentClients;
import org.junit.jupiter.api.Test;

/** The sessions' hash table: identity on removal, and lookups that never miss a stored session while others come, go and the table grows. */
class SessionTableTest {

    private static Session session(long token) {
        return new Session(token, false, null, Expiry.NEVER, 0);
    }

    @Test
    void storesOneSessionPerTokenAndRemovesOnlyThatSession() {
        SessionTable table = new SessionTable();
        Session first = session(7);
        assertTrue(table.putIfAbsent(first));
        assertFalse(table.putIfAbsent(session(7)), "a second session of token 7");
        assertFalse(table.remove(session(7)), "another session of the same token is not the stored one");
        assertSame(first, table.get(7));
        assertNull(table.get(8));
        assertTrue(table.remove(first));
        assertFalse(table.remove(first));
        assertNull(table.get(7));
        assertEquals(0, table.size());
    }

    @Test
    void keepsEverySessionThroughGrowthsAndRemovals() {
        SessionTable table = new SessionTable();
        List<Session> sessions = new ArrayList<>();
        for (long token = 1; token <= 5000; token++) {
            Session session = session(token * 0x9E3779B97F4A7C15L);
            sessions.add(session);
            assertTrue(table.putIfAbsent(session));
        }
        for (int i = 0; i < sessions.size(); i += 3) {
            assertTrue(table.remove(sessions.get(i)));
        }
        Set<Session> all = new HashSet<>(table.all());
        for (int i = 0; i < sessions.size(); i++) {
            Session session = sessions.get(i);
            boolean kept = i % 3 != 0;
            assertEquals(kept ? session : null, table.get(session.token()), "token " + session.token());
            assertEquals(kept, all.contains(session));
        }
        assertEquals(table.size(), all.size());
    }

    @Test
    void lookupsNeverMissAStoredSessionWhileTheTableChanges() throws Exception {
        SessionTable table = new SessionTable();
        List<Session> resident = new ArrayList<>();
        for (long token = 1; token <= 200; token++) {
            Session session = session(-token);
            resident.add(session);
            table.putIfAbsent(session);
        }
        AtomicBoolean changing = new AtomicBoolean(true);
        List<Callable<Integer>> tasks = new ArrayList<>();
        tasks.add(() -> {
            try {
                // grows the table from 256 to 256 Ki buckets, removing every other session as it goes
                for (long token = 1; token <= 200_000; token++) {
                    Session session = session(token);
                    table.putIfAbsent(session);
                    if (token % 2 == 0) {
                        table.remove(table.get(token - 1));
                    }
                }
                return 1;
            } finally {
                changing.set(false);
            }
        });
        for (int reader = 0; reader < 2; reader++) {
            tasks.add(() -> {
                int lookups = 0;
                do {
                    for (Session session : resident) {
                        assertSame(session, table.get(session.token()), "missed a stored session");
                        lookups++;
                    }
                    assertNull(table.get(Long.MIN_VALUE), "found a session never stored");
                } while (changing.get());
                return lookups;
            });
        }
        tasks.add(() -> {
            int scans = 0;
            do {
                Set<Session> all = new HashSet<>(table.all());
                assertTrue(all.containsAll(resident), "a scan missed a stored session");
                scans++;
            } while (changing.get());
            return scans;
        });
        for (int done : ConcurrentClients.runAll(Duration.ofSeconds(120), tasks)) {
            assertTrue(done > 0, "a task did nothing");
        }
        assertEquals(200 + 100_000, table.size());
    }
}
