package io.nemesisdb.security;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.RawHttp;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With access keys configured, every handshake must present one (401 without, or with a wrong
 * one), and each role runs exactly its commands: others get 15 and change nothing. Browser pages
 * of origins not listed are refused (403), and a key may come as a subprotocol, which is echoed.
 */
@TransportTest
@ExtendWith(SecurityFiles.class)
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.auth.file", value = TestKeys.FILE)
@AddConfig(key = "nemesis.auth.key", value = "the-setting-key-0123456789")
@AddConfig(key = "nemesis.allowed-origins", value = "https://app.example, http://localhost:3000/")
@AddConfig(key = "nemesis.auth.metrics", value = "true")
class AccessControlTest {

    private static WsClient connect(String key) throws IOException {
        return WsClient.connect(TestServer.port(), TestKeys.bearer(key));
    }

    private static int status(WsClient client, String request, String reply) throws IOException {
        return Replies.status(client.request(request), reply);
    }

    @Test
    void aHandshakeWithoutAKeyIsRefusedWith401() throws Exception {
        RawHttp.Response response = RawHttp.exchange(TestServer.port(), RawHttp.handshake("GET / HTTP/1.1"));
        assertEquals(401, response.status());
        assertTrue(response.headers().get("www-authenticate").startsWith("Bearer"), response.headers().toString());
    }

    @Test
    void aWrongKeyIsRefusedWith401() throws Exception {
        IOException refused = assertThrows(IOException.class, () -> connect("not-a-key"));
        assertTrue(refused.getMessage().contains("401"), refused.getMessage());
        assertEquals(401, RawHttp.exchange(TestServer.port(), RawHttp.handshake("GET / HTTP/1.1",
                "Sec-WebSocket-Protocol: " + TestKeys.protocolOf("not-a-key"))).status());
    }

    @Test
    void theKeyOfTheSettingAndAdminKeysRunEverything() throws Exception {
        for (String key : new String[] {"the-setting-key-0123456789", TestKeys.ADMIN}) {
            try (WsClient admin = connect(key)) {
                assertEquals(1, status(admin, "{\"KV_SET\":{\"keys\":{\"a1\":1}}}", "KV_SET_RSP"));
                assertEquals(1, status(admin, "{\"KV_CLEAR\":{}}", "KV_CLEAR_RSP"));
                assertEquals(1, status(admin, "{\"KV_CLEAR_SET\":{\"keys\":{\"a2\":2}}}", "KV_CLEAR_SET_RSP"));
                assertEquals(1, status(admin, "{\"KV_KEYS\":{}}", "KV_KEYS_RSP"));
            }
        }
    }

    @Test
    void readwriteKeysChangeKeysButCannotWipeSaveOrLoad() throws Exception {
        try (WsClient app = connect(TestKeys.READWRITE)) {
            assertEquals(1, status(app, "{\"KV_SET\":{\"keys\":{\"rw\":1}}}", "KV_SET_RSP"));
            assertEquals(1, status(app, "{\"KV_UPDATE\":{\"key\":\"rw\",\"\":2}}", "KV_UPDATE_RSP"));
            assertEquals(1, status(app, "{\"KV_ADD\":{\"keys\":{\"rw2\":3}}}", "KV_ADD_RSP"));
            assertEquals(1, status(app, "{\"KV_RMV\":{\"keys\":[\"rw2\"]}}", "KV_RMV_RSP"));
            assertEquals(1, status(app, "{\"KV_FIND\":{\"path\":\"$\",\"rsp\":\"keys\"}}", "KV_FIND_RSP"));
            assertReply("{\"KV_CLEAR_RSP\":{\"st\":15}}", app.request("{\"KV_CLEAR\":{}}"));
            assertReply("{\"KV_CLEAR_SET_RSP\":{\"st\":15}}", app.request("{\"KV_CLEAR_SET\":{\"keys\":{}}}"));
            assertReply("{\"KV_SAVE_RSP\":{\"st\":15}}", app.request("{\"KV_SAVE\":{\"name\":\"x\"}}"));
            assertReply("{\"KV_LOAD_RSP\":{\"st\":15}}", app.request("{\"KV_LOAD\":{\"name\":\"x\"}}"));
            // refused commands changed nothing
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"rw\":2}}}", app.request("{\"KV_GET\":{\"keys\":[\"rw\"]}}"));
        }
    }

    @Test
    void readonlyKeysOnlyRead() throws Exception {
        try (WsClient app = connect(TestKeys.READWRITE); WsClient dashboard = connect(TestKeys.READONLY)) {
            assertEquals(1, status(app, "{\"KV_SET\":{\"keys\":{\"ro\":\"x\"}}}", "KV_SET_RSP"));
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"ro\":\"x\"}}}", dashboard.request("{\"KV_GET\":{\"keys\":[\"ro\"]}}"));
            assertEquals(1, status(dashboard, "{\"KV_COUNT\":{}}", "KV_COUNT_RSP"));
            assertEquals(1, status(dashboard, "{\"KV_CONTAINS\":{\"keys\":[\"ro\"]}}", "KV_CONTAINS_RSP"));
            assertEquals(1, status(dashboard, "{\"KV_KEYS\":{}}", "KV_KEYS_RSP"));
            assertEquals(1, status(dashboard, "{\"KV_FIND\":{\"path\":\"$\",\"rsp\":\"keys\"}}", "KV_FIND_RSP"));
            assertEquals(1, status(dashboard, "{\"SV_INFO\":{}}", "SV_INFO_RSP"));
            for (String refused : new String[] {
                    "{\"KV_SET\":{\"keys\":{\"ro\":\"changed\"}}}", "{\"KV_ADD\":{\"keys\":{\"ro2\":1}}}",
                    "{\"KV_RMV\":{\"keys\":[\"ro\"]}}", "{\"KV_UPDATE\":{\"key\":\"ro\",\"\":\"changed\"}}",
                    "{\"KV_ARR_APPEND\":{\"key\":\"ro\",\"items\":[1]}}", "{\"KV_CLEAR\":{}}"}) {
                String name = refused.substring(2, refused.indexOf('"', 2));
                assertEquals(15, status(dashboard, refused, name + "_RSP"), refused);
            }
            dashboard.sendText("{\"KV_SETQ\":{\"keys\":{\"ro\":\"quiet\"}}}");
            assertReply("{\"KV_SETQ_RSP\":{\"st\":15}}", dashboard.receiveText());
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"ro\":\"x\"}}}", app.request("{\"KV_GET\":{\"keys\":[\"ro\"]}}"));
        }
    }

    @Test
    void aBrowserSendsItsKeyAsASubprotocolWhichIsEchoed() throws Exception {
        String protocol = TestKeys.protocolOf(TestKeys.READONLY);
        try (WsClient browser = WsClient.connect(TestServer.port(),
                Map.of("Sec-WebSocket-Protocol", "chat, " + protocol, "Origin", "https://app.example"))) {
            assertEquals(protocol, browser.responseHeader("sec-websocket-protocol"));
            assertEquals(1, status(browser, "{\"KV_COUNT\":{}}", "KV_COUNT_RSP"));
            assertEquals(15, status(browser, "{\"KV_SET\":{\"keys\":{\"b\":1}}}", "KV_SET_RSP"));
        }
    }

    @Test
    void metricsNeedAKeyWhileHealthStaysOpen() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI metrics = URI.create("http://127.0.0.1:" + AdminClient.adminPort() + "/metrics");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer nope").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + TestKeys.READONLY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.body().contains("nemesis_transport_rejections_total"), "the metrics themselves");
        assertEquals(200, AdminClient.get(AdminClient.adminPort(), "/health/live").status());
        assertEquals(200, AdminClient.get(AdminClient.adminPort(), "/health/ready").status());
    }

    @Test
    void aPageOfAnOriginNotListedIsRefusedWith403EvenWithAKey() throws Exception {
        assertEquals(403, RawHttp.exchange(TestServer.port(), RawHttp.handshake("GET / HTTP/1.1",
                "Origin: http://evil.example", "Authorization: Bearer " + TestKeys.ADMIN)).status());
        assertEquals(101, RawHttp.exchange(TestServer.port(), RawHttp.handshake("GET / HTTP/1.1",
                "Origin: HTTP://LOCALHOST:3000", "Authorization: Bearer " + TestKeys.ADMIN)).status());
    }
}
