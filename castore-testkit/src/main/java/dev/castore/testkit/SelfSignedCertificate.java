package dev.castore.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} and its private key, as the
 * PEM files a TLS server is given (made with the JDK's keytool, valid for two days).
 */
public record SelfSignedCertificate(Path certificate, Path key) {

    /** Creates {@code cert.pem} and {@code key.pem} in {@code dir}. */
    public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            PrivateKey key = (PrivateKey) ks.getKey("server", "changeit".toCharArray());
            Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + b64.encodeToString(ks.getCertificate("server").getEncoded()) + "\n-----END CERTIFICATE-----\n");
            Path keyFile = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            return new SelfSignedCertificate(cert, keyFile);
        } catch (GeneralSecurityException e) {
            throw new IOException("reading the key store keytool wrote failed: " + e.getMessage(), e);
        }
    }
}
