package io.nemesisdb.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;

import io.nemesisdb.config.SecuritySettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The server's TLS material ({@code nemesis.tls.*}), read at start-up (Main has checked the
 * files) and read again whenever a file's modification time changes, checked every
 * {@link #RENEWAL_CHECK_SECONDS} seconds: listeners that registered with {@link #onRenewal} then
 * serve new connections with the renewed certificate; open connections keep theirs. A renewal
 * that cannot be read is logged and the old material kept.
 */
@ApplicationScoped
public class ServerTls {

    static final int RENEWAL_CHECK_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());

    @Inject
    SecuritySettings settings;

    private final List<Consumer<TlsMaterial>> listeners = new CopyOnWriteArrayList<>();
    private volatile TlsMaterial material;
    private RenewableTls renewable;
    private ScheduledExecutorService checker;

    @PostConstruct
    void read() {
        if (!settings.tls()) {
            return;
        }
        try {
            material = TlsMaterial.read(settings.tlsCertificate(), settings.tlsPrivateKey(), settings.tlsClientCa());
        } catch (TlsMaterial.TlsFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        renewable = new RenewableTls(material);
        listeners.add(renewable::renew);
        checker = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon().name("nemesis-tls-renewal").unstarted(task));
        checker.scheduleWithFixedDelay(this::checkRenewal, RENEWAL_CHECK_SECONDS, RENEWAL_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    /** The material, or null when TLS is off. */
    public TlsMaterial material() {
        return material;
    }

    /**
     * A JDK TLS context that always serves the current material, renewals included; null when TLS
     * is off. Whether it asks for client certificates is up to its user.
     */
    public SSLContext sslContext() {
        return renewable == null ? null : renewable.context();
    }

    /** Calls {@code listener} with the new material after each renewal. */
    public void onRenewal(Consumer<TlsMaterial> listener) {
        listeners.add(listener);
    }

    /** Reads the files again when one of them changed; public for tests, which do not wait a minute. */
    public void checkRenewal() {
        TlsMaterial current = material;
        List<Long> now = java.util.stream.Stream.of(settings.tlsCertificate(), settings.tlsPrivateKey(), settings.tlsClientCa())
                .map(file -> file == null ? 0L : TlsMaterial.lastModified(file)).toList();
        if (current == null || now.equals(current.modified())) {
            return;
        }
        TlsMaterial renewed;
        try {
            renewed = TlsMaterial.read(settings.tlsCertificate(), settings.tlsPrivateKey(), settings.tlsClientCa());
        } catch (TlsMaterial.TlsFileException e) {
            LOG.warning("TLS files changed but cannot be used, the previous certificate stays: " + e.getMessage());
            return;
        }
        material = renewed;
        for (Consumer<TlsMaterial> listener : listeners) {
            try {
                listener.accept(renewed);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener could not take the renewed TLS certificate", e);
            }
        }
        LOG.info(() -> "TLS certificate renewed: " + renewed.chain().get(0).getSubjectX500Principal().getName()
                + ", valid until " + renewed.chain().get(0).getNotAfter());
    }
}
