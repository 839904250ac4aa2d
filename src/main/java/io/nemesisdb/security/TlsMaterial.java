package io.nemesisdb.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What TLS needs, read from the PEM files of {@code nemesis.tls.*}: the server's private key
 * (PKCS#8 {@code PRIVATE KEY}, or an RSA key in PKCS#1 {@code RSA PRIVATE KEY}), its certificate
 * chain, and the certificates of the authorities whose client certificates are accepted (none:
 * no client certificates are asked for). Both transports and the admin listener build their TLS
 * from it.
 *
 * @param modified the files' last-modified times when they were read, to notice renewed files
 */
public record TlsMaterial(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientAuthorities,
                          List<Long> modified) {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    /** A file that cannot be used; the message names the file and what is wrong. */
    public static final class TlsFileException extends Exception {
        TlsFileException(String message) {
            super(message);
        }
    }

    /** Reads the files; {@code clientAuthorities} may be null. */
    public static TlsMaterial read(Path certificate, Path privateKey, Path clientAuthorities) throws TlsFileException {
        List<X509Certificate> chain = certificates(certificate);
        if (chain.isEmpty()) {
            throw new TlsFileException(certificate + " holds no certificate (nemesis.tls.certificate)");
        }
        List<X509Certificate> authorities = clientAuthorities == null ? List.of() : certificates(clientAuthorities);
        if (clientAuthorities != null && authorities.isEmpty()) {
            throw new TlsFileException(clientAuthorities + " holds no certificate (nemesis.tls.client-ca)");
        }
        List<Long> modified = new ArrayList<>();
        for (Path file : new Path[] {certificate, privateKey, clientAuthorities}) {
            modified.add(file == null ? 0 : lastModified(file));
        }
        return new TlsMaterial(key(privateKey), chain, authorities, List.copyOf(modified));
    }

    /** True when client certificates are asked for ({@code nemesis.tls.client-ca} is set). */
    public boolean mutual() {
        return !clientAuthorities.isEmpty();
    }

    /** The last-modified time of {@code file}, or -1 when it cannot be read. */
    public static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<X509Certificate> certificates(Path file) throws TlsFileException {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (IOException e) {
            throw new TlsFileException("cannot read " + file + ": " + e.getMessage());
        } catch (CertificateException e) {
            throw new TlsFileException(file + " is not PEM certificates: " + e.getMessage());
        }
    }

    private static PrivateKey key(Path file) throws TlsFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsFileException("cannot read " + file + ": " + e.getMessage());
        }
        Matcher block = BLOCK.matcher(text);
        if (!block.find()) {
            throw new TlsFileException(file + " holds no PEM block (nemesis.tls.private-key)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2));
        } catch (IllegalArgumentException e) {
            throw new TlsFileException(file + " is not valid base64 inside its PEM block");
        }
        byte[] pkcs8 = switch (block.group(1)) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> rsaToPkcs8(der);
            default -> throw new TlsFileException(file + " holds a " + block.group(1) + "; convert it to PKCS#8 with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + "'");
        };
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // another algorithm
            }
        }
        throw new TlsFileException(file + " is not an RSA, EC or EdDSA private key this server can read");
    }

    /** Wraps a PKCS#1 RSA key into PKCS#8: SEQUENCE { 0, AlgorithmIdentifier(rsaEncryption, NULL), OCTET STRING key }. */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] key = der(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(key);
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 128) {
            out.write(length);
        } else {
            int bytes = length < 256 ? 1 : length < 65536 ? 2 : length < 16_777_216 ? 3 : 4;
            out.write(0x80 | bytes);
            for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
                out.write(length >> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
