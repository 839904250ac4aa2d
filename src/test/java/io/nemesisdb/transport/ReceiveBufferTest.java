package io.nemesisdb.transport;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A client can pipeline plenty of requests into a server that is busy writing to it. Helidon
 * 4.2.6 gives its listening socket, and so every accepted connection, a fixed 8 KiB receive
 * buffer unless configured otherwise: a client with 64 sets in flight then ran into a closed
 * TCP window and, on Tyrus, into 200 ms retransmission stalls. The embedded defaults set
 * {@code server.connection-options.socket-receive-buffer-size}; this test fails without it.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class ReceiveBufferTest {

    private static final long MIN_ACCEPTED = 128 * 1024;
    /** How long the bytes written may stand still before the server counts as no longer taking any. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final String GET = "{\"KV_GET\":{\"keys\":[\"big\"]}}";

    /**
     * Each request asks for a 60,000-byte value, and the client reads no reply, so the server soon
     * blocks writing replies and stops reading. What the client can still write then lies in the
     * server's receive buffer (the client's own buffers are fixed at 8 KiB). Requests go out 64 to
     * a write, as a pipelining client sends them.
     */
    @Test
    void aServerBlockedOnWritingStillBuffersPipelinedRequests() throws Exception {
        try (WsClient setup = TestServer.connect()) {
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}",
                    setup.request("{\"KV_SET\":{\"keys\":{\"big\":\"" + "x".repeat(60_000) + "\"}}}"));
        }
        AtomicLong written = new AtomicLong();
        String[] burst = new String[64];
        Arrays.fill(burst, GET);
        long burstBytes = burst.length * (GET.getBytes(StandardCharsets.UTF_8).length + 6L);
        try (WsClient client = WsClient.connect(TestServer.port(), 8192)) {
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    while (written.get() < MIN_ACCEPTED) {
                        client.sendPipelined(burst);
                        written.addAndGet(burstBytes);
                    }
                } catch (IOException closed) {
                    // the client closed the socket under the blocked write
                }
            });
            long last = -1;
            long lastChange = System.nanoTime();
            while (writer.isAlive() && System.nanoTime() - lastChange < QUIET_NANOS) {
                Thread.sleep(50);
                long now = written.get();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                }
            }
            assertTrue(written.get() >= MIN_ACCEPTED, "the server took only " + written.get()
                    + " bytes of requests while blocked on writing; is its receive buffer the 8 KiB default?");
        }
    }
}
