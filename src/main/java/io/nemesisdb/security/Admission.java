package io.nemesisdb.security;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;

import io.nemesisdb.config.SecuritySettings;
import io.nemesisdb.transport.TransportMeter;
import io.nemesisdb.transport.UpgradeCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Decides, during the opening handshake and before any command runs, whether a client may
 * connect and with which role; every transport asks it. A browser page of an origin not in
 * {@code nemesis.allowed-origins} is refused (403). With keys configured, the client presents one
 * as {@code Authorization: Bearer <key>} or, from a browser, as the subprotocol
 * {@code base64url.bearer.nemesisdb.<key in base64url>}, which the server then echoes; no key or
 * a wrong one is refused (401), and an address that keeps guessing is held off (429). With mutual
 * TLS, a client certificate named in the key file stands for a key.
 */
@ApplicationScoped
public class Admission {

    /** The subprotocol prefix of a key sent by a browser, as the Kubernetes API server names it. */
    public static final String BEARER_PROTOCOL = "base64url.bearer.nemesisdb.";

    /** The outcome: a role (and the subprotocol to echo, or null), or the refusal. */
    public record Decision(Role role, String subprotocol, UpgradeCheck.Refusal refusal) {
        public boolean admitted() {
            return refusal == null;
        }
    }

    @Inject
    SecuritySettings settings;

    @Inject
    AccessKeys keys;

    @Inject
    TransportMeter meter;

    private final FailedAttempts failures = new FailedAttempts();

    /**
     * @param headers a request header by name (any case), values of repeated headers joined with commas, or null
     * @param remote the client's address
     * @param certificate the certificate the client presented in the TLS handshake, or null
     */
    public Decision admit(Function<String, String> headers, InetAddress remote, X509Certificate certificate) {
        String origin = headers.apply("Origin");
        if (origin != null && !settings.allows(origin)) {
            meter.rejected(TransportMeter.Rejection.FORBIDDEN_ORIGIN);
            return refused(new UpgradeCheck.Refusal(403, "pages of origin " + origin
                    + " may not connect; list it in nemesis.allowed-origins", null, null));
        }
        if (!keys.required()) {
            return new Decision(Role.ADMIN, null, null);
        }
        long now = System.nanoTime();
        long blocked = failures.blockedSeconds(remote, now);
        if (blocked > 0) {
            meter.rejected(TransportMeter.Rejection.UNAUTHORIZED);
            return refused(new UpgradeCheck.Refusal(429, "too many wrong keys from " + remote.getHostAddress()
                    + "; try again in " + blocked + " s", "Retry-After", Long.toString(blocked)));
        }
        String protocol = bearerProtocol(headers.apply("Sec-WebSocket-Protocol"));
        String key = bearerHeader(headers.apply("Authorization"));
        if (key == null && protocol != null) {
            key = decoded(protocol.substring(BEARER_PROTOCOL.length()));
        }
        if (key == null && certificate != null) {
            KeyFile.Entry named = keys.forCertificate(certificate);
            if (named != null) {
                return new Decision(named.role(), protocol, null);
            }
        }
        if (key == null) {
            meter.rejected(TransportMeter.Rejection.UNAUTHORIZED);
            return refused(new UpgradeCheck.Refusal(401, "an access key is required: send Authorization: Bearer <key>,"
                    + " or from a browser the subprotocol " + BEARER_PROTOCOL + "<key in base64url>",
                    "WWW-Authenticate", "Bearer realm=\"nemesisdb\""));
        }
        KeyFile.Entry entry = keys.find(key);
        if (entry == null) {
            failures.failed(remote, now);
            meter.rejected(TransportMeter.Rejection.UNAUTHORIZED);
            return refused(new UpgradeCheck.Refusal(401, "the access key is not valid",
                    "WWW-Authenticate", "Bearer realm=\"nemesisdb\", error=\"invalid_token\""));
        }
        return new Decision(entry.role(), protocol, null);
    }

    private static Decision refused(UpgradeCheck.Refusal refusal) {
        return new Decision(null, null, refusal);
    }

    private static String bearerHeader(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        return value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
                ? value.substring(7).trim() : null;
    }

    /** The offered subprotocol that carries a key, or null. */
    private static String bearerProtocol(String offered) {
        if (offered == null) {
            return null;
        }
        for (String protocol : offered.split(",")) {
            String trimmed = protocol.trim();
            if (trimmed.startsWith(BEARER_PROTOCOL)) {
                return trimmed;
            }
        }
        return null;
    }

    private static String decoded(String base64url) {
        try {
            return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
