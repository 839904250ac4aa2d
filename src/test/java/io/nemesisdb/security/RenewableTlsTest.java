package io.nemesisdb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

/** The renewable TLS context serves the current certificate and checks client certificates against the current authorities. */
class RenewableTlsTest {

    @Test
    void aClientCertificateOfTheAuthorityIsAcceptedAndTheServedCertificateFollowsRenewals() throws Exception {
        TestTls.write();
        TlsMaterial material = TlsMaterial.read(Path.of(TestTls.CERTIFICATE), Path.of(TestTls.PRIVATE_KEY), Path.of(TestTls.CLIENT_CA));
        RenewableTls tls = new RenewableTls(material);
        try (SSLServerSocket server = (SSLServerSocket) tls.context().getServerSocketFactory().createServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress())) {
            SSLParameters parameters = server.getSSLParameters();
            parameters.setNeedClientAuth(true);
            server.setSSLParameters(parameters);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    return accepted.getSession().getPeerPrincipal().getName();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) TestTls.trusting(TestTls.CLIENT).getSocketFactory()
                    .createSocket("127.0.0.1", server.getLocalPort())) {
                client.startHandshake();
                client.getOutputStream().write(1);
            }
            assertEquals(TestTls.CLIENT_SUBJECT, peer.get());
        }
    }
}
