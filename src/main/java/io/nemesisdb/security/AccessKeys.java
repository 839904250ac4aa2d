package io.nemesisdb.security;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.nemesisdb.config.SecuritySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The access keys the server accepts: {@code nemesis.auth.key} with the admin role and the named
 * keys of {@code nemesis.auth.file}. Main checks the file before the server starts, so a bad file
 * stops the start-up with one line.
 */
@ApplicationScoped
public class AccessKeys {

    /** The name the log and metrics give the key of {@code nemesis.auth.key}. */
    static final String SETTING_KEY_NAME = "nemesis.auth.key";

    @Inject
    SecuritySettings settings;

    private final List<KeyFile.Entry> entries = new ArrayList<>();

    @PostConstruct
    void load() {
        entries.addAll(configured(settings));
    }

    /** The keys {@code settings} configure; throws {@link KeyFile.KeyFileException} for a bad key file. */
    public static List<KeyFile.Entry> configured(SecuritySettings settings) {
        List<KeyFile.Entry> keys = new ArrayList<>();
        if (settings.authKey() != null) {
            keys.add(new KeyFile.Entry(SETTING_KEY_NAME, Role.ADMIN, KeyHash.of(settings.authKey())));
        }
        if (settings.authFile() != null) {
            try {
                keys.addAll(KeyFile.read(settings.authFile()));
            } catch (KeyFile.KeyFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return keys;
    }

    /** True when clients must present a key (or a client certificate named in the key file). */
    public boolean required() {
        return !entries.isEmpty();
    }

    /** The entry naming the subject of {@code certificate}, or null. */
    public KeyFile.Entry forCertificate(X509Certificate certificate) {
        for (KeyFile.Entry entry : entries) {
            if (entry.subject() != null && entry.subject().equals(certificate.getSubjectX500Principal())) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The entry whose key {@code key} is, or null. Every entry is compared, each in constant time,
     * so the time taken says nothing about which entry, if any, matched.
     */
    public KeyFile.Entry find(String key) {
        KeyFile.Entry found = null;
        for (KeyFile.Entry entry : entries) {
            if (entry.hash() != null && entry.hash().matches(key) && found == null) {
                found = entry;
            }
        }
        return found;
    }
}
