package org.xmppsfs.upload.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * An in-memory key store from PEM files, as certificate tools (ACME clients) write them: a certificate chain
 * (leaf first) and an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) in RSA, EC or EdDSA.
 */
public final class PemKeyStore {

    /** Password of the in-memory store; it never touches disk. */
    public static final String PASSWORD = "in-memory";

    private PemKeyStore() {
    }

    public static KeyStore load(Path certificateChain, Path privateKey) throws IOException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException e) {
            throw new IOException("tls.certificate " + certificateChain + ": not a PEM certificate chain (" + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new IOException("tls.certificate " + certificateChain + ": no certificate found");
        }
        PrivateKey key = privateKey(privateKey);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException("tls.private-key " + privateKey + " does not match tls.certificate " + certificateChain
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            String hint = pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY") || pem.contains("ENCRYPTED")
                    ? "; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem" : "";
            throw new IOException("tls.private-key " + file + ": expected an unencrypted PKCS#8 key (" + begin + ")" + hint);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new IOException("tls.private-key " + file + ": bad base64", ex);
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException ignored) {
                // try the next algorithm
            }
        }
        throw new IOException("tls.private-key " + file + ": not an RSA, EC or EdDSA PKCS#8 key");
    }
}
