package com.tradesense.marketdata.standalone;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;

/**
 * TLS switched on the way an operator does it (MDE_TLS_CERT_FILE / MDE_TLS_KEY_FILE, PEM), with a
 * self-signed certificate generated here by the JDK's keytool, and CORS for one origin.
 */
public class TlsProfile implements QuarkusTestProfile {
    static final String ORIGIN = "https://app.example.com";
    static final char[] PASSWORD = "changeit".toCharArray();
    static Path dir;

    @Override
    public Map<String, String> getConfigOverrides() {
        Path d = generate();
        return Map.of("mde.tls.cert-file", d.resolve("cert.pem").toString(), "mde.tls.key-file", d.resolve("key.pem").toString(),
                "mde.http.cors-origins", ORIGIN);
    }

    static synchronized Path generate() {
        if (dir != null) {
            return dir;
        }
        try {
            Path d = Files.createTempDirectory("mde-tls");
            Path p12 = d.resolve("server.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "mde", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", p12.toString(), "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, PASSWORD);
            }
            Certificate cert = ks.getCertificate("mde");
            PrivateKey key = (PrivateKey) ks.getKey("mde", PASSWORD);
            Files.writeString(d.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(d.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
            dir = d;
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyStore trustStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(generate().resolve("server.p12"))) {
            ks.load(in, PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("mde", ks.getCertificate("mde"));
        return trust;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
