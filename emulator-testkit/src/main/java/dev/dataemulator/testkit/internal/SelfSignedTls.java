package dev.dataemulator.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made with the JDK's {@code keytool} (the JDK
 * has no public API to sign a certificate, and a crypto library would be a heavy dependency for a test server), with
 * the SSL contexts for the server and for clients that trust it.
 */
public final class SelfSignedTls {
    private static final String ALIAS = "embedded";

    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final X509TrustManager trustManager;

    private SelfSignedTls(SSLContext serverContext, SSLContext clientContext, X509TrustManager trustManager) {
        this.serverContext = serverContext;
        this.clientContext = clientContext;
        this.trustManager = trustManager;
    }

    /**
     * @return a fresh key pair and certificate, valid for two days
     * @throws IllegalStateException when {@code keytool} is missing or fails
     */
    public static SelfSignedTls create() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("embedded-tls-");
            Path store = dir.resolve("server.p12");
            char[] password = java.util.UUID.randomUUID().toString().toCharArray();
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(password), "-keypass", new String(password)))
                    .redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (exit " + process.exitValue() + "): " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);

            Certificate certificate = keys.getCertificate(ALIAS);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            X509TrustManager trustManager = null;
            for (TrustManager candidate : tmf.getTrustManagers()) {
                if (candidate instanceof X509TrustManager x509) {
                    trustManager = x509;
                }
            }
            if (trustManager == null) {
                throw new IllegalStateException("No X509TrustManager from " + tmf.getAlgorithm());
            }
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new TrustManager[] {trustManager}, null);
            return new SelfSignedTls(server, client, trustManager);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a self-signed certificate: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making a self-signed certificate", e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /** @return the server side: key and certificate */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** @return a client side that trusts only this certificate */
    public SSLContext clientContext() {
        return clientContext;
    }

    /** @return the trust manager behind {@link #clientContext()} */
    public X509TrustManager trustManager() {
        return trustManager;
    }
}
