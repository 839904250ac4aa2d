package io.nemesisdb.client.cdi;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import io.nemesisdb.client.NemesisClient;
import io.nemesisdb.client.NemesisClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Lets a CDI application (Helidon MP or any other) {@code @Inject NemesisClient}: one client for the
 * application, connected on first use and closed when the application stops, configured with
 * MicroProfile Config:
 * <ul>
 *   <li>{@code nemesis.client.url}: the server, {@code ws://} or {@code wss://} (required);</li>
 *   <li>{@code nemesis.client.key}: the access key to present (optional);</li>
 *   <li>{@code nemesis.client.tls.certificates}: a PEM file of certificates to trust for
 *       {@code wss://} (optional; default: the JDK's authorities).</li>
 * </ul>
 * The only class of the client jar that needs CDI and MicroProfile Config; a plain Java program
 * never loads it.
 */
@ApplicationScoped
public class NemesisClientProducer {

    /** What the names of the client's settings start with: they belong to client applications, not to the server. */
    public static final String PREFIX = "nemesis.client.";
    static final String URL = PREFIX + "url";
    static final String KEY = PREFIX + "key";
    static final String CERTIFICATES = PREFIX + "tls.certificates";

    @Produces
    @Singleton
    NemesisClient client(Config config) throws Exception {
        URI url = URI.create(config.getOptionalValue(URL, String.class)
                .orElseThrow(() -> new IllegalStateException("set " + URL + " (ws://host:port/) to inject a NemesisClient")));
        NemesisClientOptions options = NemesisClientOptions.defaults()
                .withAccessKey(config.getOptionalValue(KEY, String.class).orElse(null));
        Optional<String> certificates = config.getOptionalValue(CERTIFICATES, String.class);
        if (certificates.isPresent()) {
            options = options.withTrustedCertificates(Path.of(certificates.get()));
        }
        return NemesisClient.connect(url, options);
    }

    void close(@Disposes NemesisClient client) {
        client.close();
    }
}
