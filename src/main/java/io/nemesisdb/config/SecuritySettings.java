package io.nemesisdb.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.config.Config;

/**
 * Who may use the server, read and checked like {@link ServerSettings}; defaults live in
 * {@code microprofile-config.properties}.
 *
 * @param authKey a key with the admin role ({@code nemesis.auth.key}, from a Kubernetes Secret as
 *                {@code NEMESIS_AUTH_KEY}), or null
 * @param authFile a file of named keys with their roles, stored as hashes ({@code nemesis.auth.file}), or null
 * @param insecure whether the server may listen beyond loopback with no key ({@code nemesis.auth.insecure})
 * @param allowedOrigins the {@code Origin}s whose handshakes are served ({@code nemesis.allowed-origins}):
 *                       empty refuses every handshake that carries one, {@code *} allows any
 * @param metricsNeedKey whether {@code /metrics} on the admin port asks for a key ({@code nemesis.auth.metrics})
 * @param tlsCertificate the PEM certificate chain of {@code wss://} and {@code https://} ({@code nemesis.tls.certificate}), or null
 * @param tlsPrivateKey its PEM private key ({@code nemesis.tls.private-key}), or null
 * @param tlsClientCa PEM certificates of the authorities whose client certificates the WebSocket
 *                    listener requires ({@code nemesis.tls.client-ca}), or null: none asked for
 */
public record SecuritySettings(String authKey, Path authFile, boolean insecure, List<String> allowedOrigins,
                               boolean metricsNeedKey, Path tlsCertificate, Path tlsPrivateKey, Path tlsClientCa) {

    /** The {@code allowedOrigins} entry that allows any origin. */
    public static final String ANY_ORIGIN = "*";

    /** Reads and checks the security settings. */
    public static SecuritySettings from(Config config) {
        SettingReader read = new SettingReader(config);
        String file = read.optionalString("nemesis.auth.file");
        String origins = read.optionalString("nemesis.allowed-origins");
        List<String> allowed = origins == null ? List.of()
                : Arrays.stream(origins.split(",")).map(String::trim).filter(origin -> !origin.isEmpty())
                        .map(SecuritySettings::normalizedOrigin).toList();
        Path certificate = path(read.optionalString("nemesis.tls.certificate"));
        Path privateKey = path(read.optionalString("nemesis.tls.private-key"));
        Path clientCa = path(read.optionalString("nemesis.tls.client-ca"));
        if ((certificate == null) != (privateKey == null)) {
            throw new SettingsException("settings nemesis.tls.certificate and nemesis.tls.private-key go together: set both for TLS, or neither");
        }
        if (clientCa != null && certificate == null) {
            throw new SettingsException("setting nemesis.tls.client-ca needs TLS: set nemesis.tls.certificate and nemesis.tls.private-key too");
        }
        return new SecuritySettings(
                read.optionalString("nemesis.auth.key"),
                path(file),
                read.bool("nemesis.auth.insecure"),
                allowed,
                read.bool("nemesis.auth.metrics"),
                certificate,
                privateKey,
                clientCa);
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value).toAbsolutePath().normalize();
    }

    /** True when the listeners speak TLS ({@code wss://}, {@code https://}). */
    public boolean tls() {
        return tlsCertificate != null;
    }

    /** True when some key is configured: every client must then present one. */
    public boolean keysConfigured() {
        return authKey != null || authFile != null;
    }

    /** True when clients must prove who they are: with a key, or with a client certificate. */
    public boolean clientsAuthenticated() {
        return keysConfigured() || tlsClientCa != null;
    }

    /** True when a handshake carrying {@code origin} (as sent) is served. */
    public boolean allows(String origin) {
        return allowedOrigins.contains(ANY_ORIGIN) || allowedOrigins.contains(normalizedOrigin(origin));
    }

    /** An origin compared without case and without a trailing slash, as browsers send {@code scheme://host[:port]}. */
    static String normalizedOrigin(String origin) {
        String trimmed = origin.trim();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SecuritySettings[authKey=" + (authKey == null ? "none" : "set") + ", authFile=" + authFile
                + ", insecure=" + insecure + ", allowedOrigins=" + allowedOrigins + ", metricsNeedKey=" + metricsNeedKey
                + ", tlsCertificate=" + tlsCertificate + ", tlsPrivateKey=" + tlsPrivateKey + ", tlsClientCa=" + tlsClientCa + "]";
    }
}
