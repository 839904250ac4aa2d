package io.nemesisdb.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

/**
 * Certificates made when the tests start: a certificate authority, the server's certificate for
 * 127.0.0.1 issued by it, and client certificates, written as PEM files under target/ for the
 * tests that configure {@code nemesis.tls.*}.
 */
final class TestTls {

    static final String DIR = "target/test-tls/";
    static final String CERTIFICATE = DIR + "server.pem";
    static final String PRIVATE_KEY = DIR + "server.key";
    static final String CLIENT_CA = DIR + "ca.pem";
    /** A client certificate subject the test key file names. */
    static final String CLIENT_SUBJECT = "CN=dashboard,O=NemesisDB tests";

    static final X509Bundle AUTHORITY;
    static final X509Bundle CLIENT;
    static final X509Bundle STRANGER;

    static {
        try {
            Instant now = Instant.now();
            CertificateBuilder base = new CertificateBuilder().notBefore(now.minus(1, ChronoUnit.DAYS))
                    .notAfter(now.plus(10, ChronoUnit.DAYS)).ecp256();
            AUTHORITY = base.copy().subject("CN=NemesisDB test authority").setIsCertificateAuthority(true).buildSelfSigned();
            CLIENT = base.copy().subject(CLIENT_SUBJECT).addExtendedKeyUsageClientAuth().buildIssuedBy(AUTHORITY);
            STRANGER = base.copy().subject("CN=stranger").addExtendedKeyUsageClientAuth()
                    .buildIssuedBy(base.copy().subject("CN=other authority").setIsCertificateAuthority(true).buildSelfSigned());
            writeServer("CN=127.0.0.1 first");
            Files.writeString(Path.of(CLIENT_CA), AUTHORITY.getCertificatePEM());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    private TestTls() {
    }

    /** Makes sure the files exist (loading this class writes them). */
    static void write() {
    }

    /** Writes a new server certificate with {@code subject} over the files, as a renewal would. */
    static X509Bundle writeServer(String subject) {
        try {
            Instant now = Instant.now();
            X509Bundle server = new CertificateBuilder().notBefore(now.minus(1, ChronoUnit.DAYS)).notAfter(now.plus(10, ChronoUnit.DAYS))
                    .ecp256().subject(subject).addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth()
                    .buildIssuedBy(AUTHORITY);
            Files.createDirectories(Path.of(DIR));
            Files.writeString(Path.of(CERTIFICATE), server.getCertificatePathPEM());
            Files.writeString(Path.of(PRIVATE_KEY), server.getPrivateKeyPEM());
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a server certificate", e);
        }
    }

    /** TLS that trusts the test authority, presenting {@code client}'s certificate (or none when null). */
    static SSLContext trusting(X509Bundle client) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManagerFactory keys = null;
            if (client != null) {
                keys = client.toKeyManagerFactory();
            }
            context.init(keys == null ? null : keys.getKeyManagers(), AUTHORITY.toTrustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
