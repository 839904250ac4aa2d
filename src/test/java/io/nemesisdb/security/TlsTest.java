package io.nemesisdb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With a certificate and key, the WebSocket port speaks wss:// only (a plain ws:// client fails at
 * once) and the admin port https://; a renewed certificate serves new connections without a restart.
 */
@TransportTest
@ExtendWith(SecurityFiles.class)
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.tls.certificate", value = TestTls.CERTIFICATE)
@AddConfig(key = "nemesis.tls.private-key", value = TestTls.PRIVATE_KEY)
class TlsTest {

    @Inject
    ServerTls tls;

    @Test
    void wssServesAndTheCertificateIsTheServers() throws Exception {
        try (WsClient client = WsClient.connectTls(TestServer.port(), TestTls.trusting(null), Map.of())) {
            assertEquals(1, Replies.status(client.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
        }
    }

    @Test
    void plainWsToTheTlsPortFailsAtOnce() {
        long started = System.nanoTime();
        assertThrows(IOException.class, () -> WsClient.connect(TestServer.port()).close());
        assertTrue(System.nanoTime() - started < 9_000_000_000L, "a plain client waited for its read timeout");
    }

    @Test
    void theAdminPortSpeaksHttps() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(TestTls.trusting(null)).build();
        HttpResponse<String> live = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + AdminClient.adminPort() + "/health/live"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode());
    }

    @Test
    void aRenewedCertificateServesNewConnections() throws Exception {
        TestTls.writeServer("CN=127.0.0.1 renewed");
        Thread.sleep(20); // a new modification time even on coarse clocks
        java.nio.file.Files.setLastModifiedTime(java.nio.file.Path.of(TestTls.CERTIFICATE),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
        tls.checkRenewal();
        SSLSocket socket = (SSLSocket) TestTls.trusting(null).getSocketFactory().createSocket("127.0.0.1", TestServer.port());
        socket.startHandshake();
        X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        socket.close();
        assertEquals("CN=127.0.0.1 renewed", served.getSubjectX500Principal().getName());
    }
}
