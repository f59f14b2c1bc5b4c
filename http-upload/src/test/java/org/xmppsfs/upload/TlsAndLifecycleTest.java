package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from a PKCS#12 keystore; two servers in one JVM; stop() leaves no thread behind. */
class TlsAndLifecycleTest {

    @TempDir
    Path dir;

    /** A self-signed EC certificate for localhost, made by the JDK's keytool. */
    private Path keystore() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "upload", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), keytoolOutput);
        return keystore;
    }

    private static KeyStore load(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    private static HttpClient trusting(KeyStore trust) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    private static void uploadOverHttps(TestServer t, HttpClient https) throws Exception {
        byte[] body = TestServer.bytes(3000, 100);
        SlotGrant g = t.slot("s.bin", body.length, null);
        String path = t.local(g.putUrl()).getRawPath();
        URI put = URI.create("https://localhost:" + t.server.port() + path);
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(put).header("Authorization", TestServer.bearer(g))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        HttpResponse<byte[]> get = https.send(HttpRequest.newBuilder(put).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(body, get.body());
        assertTrue(get.headers().firstValue("Strict-Transport-Security").isPresent());
    }

    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        Path keystore = keystore();
        try (TestServer t = TestServer.start(dir.resolve("data"), b -> b.tlsKeystore(Optional.of(keystore)).tlsKeystorePassword("changeit"),
                java.time.Clock.systemUTC())) {
            uploadOverHttps(t, trusting(load(keystore)));
        }
    }

    @Test
    void servesHttpsFromPemCertificateAndKey() throws Exception {
        KeyStore ks = load(keystore());
        Certificate cert = ks.getCertificate("upload");
        PrivateKey key = (PrivateKey) ks.getKey("upload", "changeit".toCharArray());
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path certFile = Files.writeString(dir.resolve("fullchain.pem"),
                "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path keyFile = Files.writeString(dir.resolve("privkey.pem"),
                "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        try (TestServer t = TestServer.start(dir.resolve("data"), b -> b.tlsCertificate(Optional.of(certFile)).tlsPrivateKey(Optional.of(keyFile)),
                java.time.Clock.systemUTC())) {
            uploadOverHttps(t, trusting(ks));
        }
        Path rsaStyle = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        UploadServer bad = new UploadServer(TestServer.config(dir.resolve("data2")).tlsCertificate(Optional.of(certFile))
                .tlsPrivateKey(Optional.of(rsaStyle)).build());
        java.io.IOException e = assertThrows(java.io.IOException.class, bad::start);
        assertTrue(e.getMessage().contains("tls.private-key") && e.getMessage().contains("openssl pkcs8"), e.getMessage());
    }

    @Test
    void twoServersRunInOneJvmAndStopLeavesNoThreads() throws Exception {
        Set<String> before = threadNames();
        TestServer a = TestServer.start(dir.resolve("a"));
        TestServer b = TestServer.start(dir.resolve("b"), x -> x.metricsEnabled(true).metricsPort(0), java.time.Clock.systemUTC());
        try {
            assertNotEquals(a.server.port(), b.server.port());
            byte[] body = TestServer.bytes(10, 101);
            SlotGrant ga = a.slot("x", body.length, null);
            assertEquals(201, a.put(ga, body, null).statusCode());
            assertEquals(10, a.server.storedBytes());
            assertEquals(0, b.server.storedBytes());
        } finally {
            a.close();
            b.close();
        }
        a.close(); // idempotent
        Set<String> leaked = threadNames().stream().filter(n -> !before.contains(n))
                .filter(n -> n.startsWith("upload-") || n.contains("H2") || n.contains("MVStore") || n.startsWith("qtp"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), leaked);
        assertThrows(IllegalStateException.class, () -> a.server.slots());
    }

    @Test
    void aPortInUseIsAClearStartupErrorAndReleasesTheDatabase() throws Exception {
        try (TestServer a = TestServer.start(dir.resolve("a"))) {
            UploadServer b = new UploadServer(TestServer.config(dir.resolve("b")).port(a.server.port()).build());
            java.io.IOException e = assertThrows(java.io.IOException.class, b::start);
            assertTrue(e.getMessage().contains(String.valueOf(a.server.port())), e.getMessage());
            // Nothing of b is left open: the same directory starts fine afterwards.
            try (TestServer again = TestServer.start(dir.resolve("b"))) {
                assertTrue(again.server.port() > 0);
            }
        }
    }

    @Test
    void invalidConfigurationIsRefusedWithEveryProblemNamed() {
        UploadConfig bad = TestServer.config(dir).port(70000).maxFileSize(0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UploadServer(bad));
        assertTrue(e.getMessage().contains("http.port: must be 0..65535, got 70000"), e.getMessage());
        assertTrue(e.getMessage().contains("limits.max-file-size"), e.getMessage());
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
    }
}
