package io.nemesisdb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Map;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code nemesis.tls.client-ca}, only clients with a certificate of that authority get
 * through TLS; a certificate whose subject the key file names stands for a key of that role, and
 * a key, when one is sent, decides the role.
 */
@TransportTest
@ExtendWith(SecurityFiles.class)
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.tls.certificate", value = TestTls.CERTIFICATE)
@AddConfig(key = "nemesis.tls.private-key", value = TestTls.PRIVATE_KEY)
@AddConfig(key = "nemesis.tls.client-ca", value = TestTls.CLIENT_CA)
@AddConfig(key = "nemesis.auth.file", value = TestKeys.FILE)
class MutualTlsTest {

    @Test
    void aCertificateNamedInTheKeyFileStandsForAKeyOfItsRole() throws Exception {
        try (WsClient dashboard = WsClient.connectTls(TestServer.port(), TestTls.trusting(TestTls.CLIENT), Map.of())) {
            assertEquals(1, Replies.status(dashboard.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
            assertEquals(15, Replies.status(dashboard.request("{\"KV_SET\":{\"keys\":{\"m\":1}}}"), "KV_SET_RSP"));
        }
    }

    @Test
    void aKeySentWithTheCertificateDecidesTheRole() throws Exception {
        try (WsClient app = WsClient.connectTls(TestServer.port(), TestTls.trusting(TestTls.CLIENT), TestKeys.bearer(TestKeys.READWRITE))) {
            assertEquals(1, Replies.status(app.request("{\"KV_SET\":{\"keys\":{\"m\":1}}}"), "KV_SET_RSP"));
        }
    }

    @Test
    void clientsWithoutACertificateOfTheAuthorityDoNotGetThroughTls() {
        assertThrows(IOException.class, () -> WsClient.connectTls(TestServer.port(), TestTls.trusting(null), TestKeys.bearer(TestKeys.ADMIN)).close());
        assertThrows(IOException.class, () -> WsClient.connectTls(TestServer.port(), TestTls.trusting(TestTls.STRANGER), TestKeys.bearer(TestKeys.ADMIN)).close());
    }
}
