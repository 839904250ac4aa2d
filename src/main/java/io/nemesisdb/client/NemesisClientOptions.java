package io.nemesisdb.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.json.bind.Jsonb;

/**
 * How a {@link NemesisClient} connects: the access key it presents, the TLS it trusts for
 * {@code wss://}, how long it waits. Immutable; start from {@link #defaults()}.
 *
 * @param accessKey sent in the handshake as {@code Authorization: Bearer <key>}; null: none
 * @param sslContext the TLS for {@code wss://} URLs (the certificates it trusts, and the client's own
 *     for mutual TLS); null: the JDK's default, which trusts the public certificate authorities
 * @param connectTimeout the longest a connection may take to open
 * @param timeout the longest the synchronous view waits for a reply (the asynchronous one never
 *     gives up by itself: use {@code orTimeout} on its stages)
 * @param jsonb maps the user's classes to and from JSON values; null: a default Yasson instance,
 *     made the first time it is needed
 */
public record NemesisClientOptions(String accessKey, SSLContext sslContext, Duration connectTimeout, Duration timeout,
                                   Jsonb jsonb) {

    public NemesisClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** No key, the JDK's TLS, 10 s to connect, 60 s for a reply. */
    public static NemesisClientOptions defaults() {
        return new NemesisClientOptions(null, null, Duration.ofSeconds(10), Duration.ofSeconds(60), null);
    }

    public NemesisClientOptions withAccessKey(String key) {
        return new NemesisClientOptions(key, sslContext, connectTimeout, timeout, jsonb);
    }

    public NemesisClientOptions withSslContext(SSLContext context) {
        return new NemesisClientOptions(accessKey, context, connectTimeout, timeout, jsonb);
    }

    /**
     * For {@code wss://}: trusts the certificates in the PEM file {@code certificates} (a server's
     * own certificate, or the authority that issued it) instead of the JDK's authorities.
     */
    public NemesisClientOptions withTrustedCertificates(Path certificates) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int count = 0;
        try (InputStream pem = Files.newInputStream(certificates)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("certificate-" + count++, certificate);
            }
        }
        if (count == 0) {
            throw new IOException("no certificate in " + certificates);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return withSslContext(context);
    }

    public NemesisClientOptions withConnectTimeout(Duration duration) {
        return new NemesisClientOptions(accessKey, sslContext, duration, timeout, jsonb);
    }

    public NemesisClientOptions withTimeout(Duration duration) {
        return new NemesisClientOptions(accessKey, sslContext, connectTimeout, duration, jsonb);
    }

    public NemesisClientOptions withJsonb(Jsonb mapper) {
        return new NemesisClientOptions(accessKey, sslContext, connectTimeout, timeout, mapper);
    }

    /** Leaves the key out, so that it never ends up in a log. */
    @Override
    public String toString() {
        return "NemesisClientOptions[accessKey=" + (accessKey == null ? "none" : "(set)") + ", sslContext=" + sslContext
                + ", connectTimeout=" + connectTimeout + ", timeout=" + timeout + "]";
    }
}
