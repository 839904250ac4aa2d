package io.nemesisdb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.PrometheusText;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.admin-port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
@AddConfig(key = "nemesis.sessions.sweep-interval-ms", value = "50")
class SessionsMetricsTest {

    private static String metrics() throws Exception {
        return AdminClient.get(AdminClient.adminPort(), "/metrics").body();
    }

    private static String newSession(WsClient client, String name, int seconds) throws Exception {
        String reply = client.request("{\"SH_NEW\":{\"name\":\"" + name + "\",\"shared\":false,"
                + "\"expiry\":{\"duration\":" + seconds + ",\"deleteSession\":true}}}");
        return Replies.body(reply, "SH_NEW_RSP").getJsonNumber("tkn").bigIntegerValue().toString();
    }

    @Test
    void gaugesCountSessionsAndTheirKeysAndTheCounterCountsExpiredSessions() throws Exception {
        String before = metrics();
        try (WsClient client = TestServer.connect()) {
            String lasting = newSession(client, "lasting", 0);
            String other = newSession(client, "other", 0);
            String brief = newSession(client, "brief", 1);
            client.request("{\"KV_SET\":{\"tkn\":" + lasting + ",\"keys\":{\"a\":1,\"b\":2}}}");
            client.request("{\"KV_SET\":{\"tkn\":" + other + ",\"keys\":{\"c\":3}}}");
            client.request("{\"KV_SET\":{\"tkn\":" + brief + ",\"keys\":{\"d\":4}}}");
        }
        String after = metrics();
        for (int attempt = 0; attempt < 100 && PrometheusText.value(after, "nemesis_sessions") != 2; attempt++) {
            Thread.sleep(100); // until the one-second session has expired and been swept
            after = metrics();
        }
        // the two gauges are read one after the other: scrape once more, wholly after the expiry
        after = metrics();
        assertEquals(2, PrometheusText.value(after, "nemesis_sessions"));
        assertEquals(3, PrometheusText.value(after, "nemesis_keys"));
        assertEquals(1, PrometheusText.value(after, "nemesis_sessions_expired_total")
                - PrometheusText.value(before, "nemesis_sessions_expired_total"));
    }
}
