package io.nemesisdb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.client.NemesisClient;
import io.nemesisdb.client.NemesisClientOptions;
import io.nemesisdb.client.NemesisConnectionException;
import io.nemesisdb.client.NemesisStatusException;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java client over wss:// with access keys: the key's role decides, a wrong key or untrusted certificate fails the connect. */
@ExtendWith(SecurityFiles.class)
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.tls.certificate", value = TestTls.CERTIFICATE)
@AddConfig(key = "nemesis.tls.private-key", value = TestTls.PRIVATE_KEY)
@AddConfig(key = "nemesis.auth.file", value = TestKeys.FILE)
class ClientTlsAndKeyTest {

    private static URI url() {
        return URI.create("wss://127.0.0.1:" + TestServer.port() + "/");
    }

    private static NemesisClientOptions trusting(String key) {
        return NemesisClientOptions.defaults().withSslContext(TestTls.trusting(null)).withAccessKey(key);
    }

    @Test
    void overTlsTheKeysRoleDecidesWhatTheClientMayRun() {
        try (NemesisClient writer = NemesisClient.connect(url(), trusting(TestKeys.READWRITE));
             NemesisClient reader = NemesisClient.connect(url(), trusting(TestKeys.READONLY))) {
            writer.sync().set(Map.of("tls", true));
            assertEquals(Boolean.TRUE, reader.sync().get("tls", Boolean.class));
            assertEquals(Status.FORBIDDEN, assertThrows(NemesisStatusException.class, () -> reader.sync().set("x", 1)).status());
            assertEquals(Status.FORBIDDEN, assertThrows(NemesisStatusException.class, () -> reader.sync().setQ(Map.of("x", 1))).status());
            assertEquals(Status.FORBIDDEN, assertThrows(NemesisStatusException.class, () -> writer.sync().clear()).status());
        }
    }

    @Test
    void aPemFileOfTrustedCertificatesServesTheClientAndTheCli() throws Exception {
        NemesisClientOptions options = NemesisClientOptions.defaults().withAccessKey(TestKeys.ADMIN)
                .withTrustedCertificates(java.nio.file.Path.of(TestTls.CLIENT_CA));
        try (NemesisClient client = NemesisClient.connect(url(), options)) {
            client.sync().set("pem", 1);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int status = io.nemesisdb.client.cli.Cli.run(new String[] {"--url", url().toString(), "--ca", TestTls.CLIENT_CA, "get", "pem"},
                System.in, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err, false, TestKeys.READONLY);
        assertEquals(0, status);
        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"pem\":1}}}", out.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        assertEquals(2, io.nemesisdb.client.cli.Cli.run(new String[] {"--url", url().toString(), "count"}, System.in,
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                false, TestKeys.READONLY), "without --ca the JDK's authorities do not trust the test's");
    }

    @Test
    void aWrongKeyOrAnUntrustedCertificateFailsTheConnect() {
        NemesisConnectionException wrongKey = assertThrows(NemesisConnectionException.class,
                () -> NemesisClient.connect(url(), trusting("not-a-key")));
        assertTrue(wrongKey.getMessage().contains("401"), wrongKey.getMessage());
        assertThrows(NemesisConnectionException.class, () -> NemesisClient.connect(url(), trusting(null)));
        assertThrows(NemesisConnectionException.class,
                () -> NemesisClient.connect(url(), NemesisClientOptions.defaults().withAccessKey(TestKeys.ADMIN)));
        assertThrows(NemesisConnectionException.class,
                () -> NemesisClient.connect(URI.create("ws://127.0.0.1:" + TestServer.port() + "/"),
                        trusting(TestKeys.ADMIN).withConnectTimeout(java.time.Duration.ofSeconds(2))));
    }
}
