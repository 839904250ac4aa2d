import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS for wss:// URLs: the JDK's trust, the certificates of --ca, or with --insecure-tls any certificate. */
final class Tls {
    private Tls() {
    }

    static SSLContext context(boolean insecure, Path ca) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust = null;
            if (insecure) {
                trust = new TrustManager[] {new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                }};
            } else if (ca != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                try (InputStream pem = Files.newInputStream(ca)) {
                    for (java.security.cert.Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                        store.setCertificateEntry("ca-" + i++, certificate);
                    }
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trust = factory.getTrustManagers();
            }
            context.init(null, trust, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS" + (ca == null ? "" : " with --ca " + ca) + ": " + e.getMessage());
        }
    }
}
