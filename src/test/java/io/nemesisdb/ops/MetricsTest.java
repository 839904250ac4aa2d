package io.nemesisdb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.PrometheusText;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.admin-port", value = "0")
@AddConfig(key = "nemesis.max-payload", value = "1024")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/metrics")
class MetricsTest {

    /** Counts what the client sent and received, the way the server should. */
    private static final class Traffic {
        long in;
        long out;

        String request(WsClient client, String message) throws Exception {
            String reply = send(client, message).receiveText();
            out += utf8(reply);
            return reply;
        }

        WsClient send(WsClient client, String message) throws Exception {
            client.sendText(message);
            in += utf8(message);
            return client;
        }

        static long utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private static String metrics() throws Exception {
        AdminClient.Response response = AdminClient.get(AdminClient.adminPort(), "/metrics");
        assertEquals(200, response.status());
        return response.body();
    }

    private static double delta(String before, String after, String name, String... labels) {
        return PrometheusText.value(after, name, labels) - PrometheusText.value(before, name, labels);
    }

    @Test
    void countsCommandsRepliesTrafficKeysAndConnectionsOfAScriptedSession() throws Exception {
        String before = metrics();
        Traffic traffic = new Traffic();
        try (WsClient client = TestServer.connect(); WsClient second = TestServer.connect()) {
            traffic.request(client, "{\"KV_CLEAR\":{}}");
            traffic.request(client, "{\"KV_SET\":{\"keys\":{\"a\":1,\"b\":\"é€😀\"}}}");
            traffic.request(client, "{\"KV_SET\":{\"keys\":{\"c\":[1,2]}}}");
            traffic.send(client, "{\"KV_SETQ\":{\"keys\":{\"d\":true}}}");
            traffic.request(client, "{\"KV_GET\":{\"keys\":[\"a\",\"b\"]}}");
            traffic.request(client, "{\"KV_RMV\":{\"keys\":[]}}");
            traffic.request(client, "{\"NO_SUCH_COMMAND\":{}}");
            traffic.request(second, "{\"KV_COUNT\":{}}");

            String during = metrics();
            assertEquals(1, delta(before, during, "nemesis_commands_total", "command", "KV_CLEAR"));
            assertEquals(2, delta(before, during, "nemesis_commands_total", "command", "KV_SET"));
            assertEquals(1, delta(before, during, "nemesis_commands_total", "command", "KV_SETQ"));
            assertEquals(1, delta(before, during, "nemesis_commands_total", "command", "KV_GET"));
            assertEquals(1, delta(before, during, "nemesis_commands_total", "command", "KV_RMV"));
            assertEquals(1, delta(before, during, "nemesis_commands_total", "command", "KV_COUNT"));
            assertEquals(5, delta(before, during, "nemesis_replies_total", "status", "1"));
            assertEquals(1, delta(before, during, "nemesis_replies_total", "status", "42"));
            assertEquals(1, delta(before, during, "nemesis_replies_total", "status", "10"));
            assertEquals(traffic.in, delta(before, during, "nemesis_received_bytes_total"));
            assertEquals(traffic.out, delta(before, during, "nemesis_sent_bytes_total"));
            assertEquals(4, PrometheusText.value(during, "nemesis_keys"));
            assertEquals(2, PrometheusText.value(during, "nemesis_connections"));
        }
    }

    @Test
    void countsMessagesTheTransportTurnedAway() throws Exception {
        String before = metrics();
        try (WsClient client = TestServer.connect()) {
            client.sendText("{\"KV_SET\":{\"keys\":{\"big\":\"" + "x".repeat(1100) + "\"}}}");
            assertTrue(client.receive(5000).isClose());
        }
        try (WsClient client = TestServer.connect()) {
            client.sendTextBytes(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertTrue(client.receive(5000).isClose());
        }
        try (WsClient client = TestServer.connect()) {
            client.sendBinary(new byte[] {1, 2, 3});
            client.receiveText();
        }
        String after = metrics();
        // the Jakarta endpoint counts a 1007 or a 1009 when the close completes, which may follow the client's view
        for (int attempt = 0; attempt < 50 && !(delta(before, after, "nemesis_transport_rejections_total", "reason", "invalid_utf8") >= 1
                && delta(before, after, "nemesis_transport_rejections_total", "reason", "oversize") >= 1
                && delta(before, after, "nemesis_replies_total", "status", "2") >= 1); attempt++) {
            Thread.sleep(100);
            after = metrics();
        }
        assertEquals(1, delta(before, after, "nemesis_transport_rejections_total", "reason", "oversize"));
        assertEquals(1, delta(before, after, "nemesis_transport_rejections_total", "reason", "invalid_utf8"));
        assertEquals(1, delta(before, after, "nemesis_replies_total", "status", "2"));
    }

    @Test
    void countsSavesAndLoadsByOutcome() throws Exception {
        String before = metrics();
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_SET\":{\"keys\":{\"saved\":1}}}");
            assertEquals(120, Replies.status(client.request("{\"KV_SAVE\":{\"name\":\"metrics\"}}"), "KV_SAVE_RSP"));
            assertEquals(121, Replies.status(client.receiveText(), "KV_SAVE_RSP"));
            assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"metrics\"}}"), "KV_LOAD_RSP"));
            assertEquals(142, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"no-such-dataset\"}}"), "KV_LOAD_RSP"));
        }
        String after = metrics();
        assertEquals(1, delta(before, after, "nemesis_saves_seconds_count", "outcome", "complete"));
        assertEquals(1, delta(before, after, "nemesis_loads_seconds_count", "outcome", "complete"));
        assertEquals(1, delta(before, after, "nemesis_loads_seconds_count", "outcome", "error"));
        assertTrue(delta(before, after, "nemesis_saves_seconds_sum", "outcome", "complete") > 0);
    }
}
