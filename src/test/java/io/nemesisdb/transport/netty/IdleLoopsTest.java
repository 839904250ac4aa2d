package io.nemesisdb.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/** Busy polling ends with the traffic: event loops of an idle server sleep. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.transport", value = "netty")
@AddConfig(key = "nemesis.busy-poll-us", value = "1000")
class IdleLoopsTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void idleEventLoopsUseNoProcessor() throws Exception {
        try (WsClient client = TestServer.connect()) {
            for (int i = 0; i < 200; i++) {
                assertEquals(1, Replies.status(client.request("{\"KV_SET\":{\"keys\":{\"k\":" + i + "}}}"), "KV_SET_RSP"));
            }
            Thread.sleep(500);
            long before = loopCpuNanos();
            Thread.sleep(1000);
            long used = loopCpuNanos() - before;
            assertTrue(used < 100_000_000L, "idle event loops used " + used / 1_000_000 + " ms of processor in 1 s");
        }
    }

    private static long loopCpuNanos() {
        long[] loops = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("nemesis-loop"))
                .mapToLong(Thread::threadId)
                .toArray();
        assertFalse(loops.length == 0, "no netty event loop threads");
        return Arrays.stream(loops).map(THREADS::getThreadCpuTime).sum();
    }
}
