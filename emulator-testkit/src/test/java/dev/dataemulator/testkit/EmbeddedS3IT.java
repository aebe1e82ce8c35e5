package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class EmbeddedS3IT {

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    @Test
    void storesAndListsObjectsWithTheFixedKeys() {
        EmbeddedS3 server = S3.server();
        assertThat(server.endpoint()).startsWith("http://127.0.0.1:").endsWith(":" + server.port());
        try (S3Client client = client(server, server.accessKey(), server.secretKey())) {
            client.createBucket(b -> b.bucket("round-trip"));
            client.putObject(p -> p.bucket("round-trip").key("a/b.txt"), RequestBody.fromString("hello, s3"));
            assertThat(client.getObjectAsBytes(g -> g.bucket("round-trip").key("a/b.txt")).asUtf8String())
                    .isEqualTo("hello, s3");
            assertThat(client.listObjectsV2(l -> l.bucket("round-trip")).contents())
                    .extracting(S3Object::key).containsExactly("a/b.txt");
        }
    }

    @Test
    void rejectsWrongCredentials() {
        EmbeddedS3 server = S3.server();
        try (S3Client client = client(server, server.accessKey(), "not-the-secret")) {
            assertThatThrownBy(client::listBuckets).isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void stopRefusesConnectionsAndRestartServesTheSameObjectsOnTheSamePort() throws Exception {
        try (EmbeddedS3 server = EmbeddedS3.builder().start(); S3Client client = client(server, server.accessKey(),
                server.secretKey())) {
            client.createBucket(b -> b.bucket("kept"));
            client.putObject(p -> p.bucket("kept").key("k"), RequestBody.fromString("v"));
            int port = server.port();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(server.endpoint())).build(),
                    HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);

            server.restart();
            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            assertThat(client.getObjectAsBytes(g -> g.bucket("kept").key("k")).asUtf8String()).isEqualTo("v");
        }
    }

    @Test
    void filesystemBackendKeepsObjectsInTheDirectoryAcrossServers(@TempDir Path dir) {
        EmbeddedS3.Builder builder = EmbeddedS3.builder().filesystemBackend(dir).credentials("fs-user", "fs-secret");
        try (EmbeddedS3 first = builder.start(); S3Client client = client(first, "fs-user", "fs-secret")) {
            client.createBucket(b -> b.bucket("on-disk"));
            client.putObject(p -> p.bucket("on-disk").key("x.json"), RequestBody.fromString("{}"));
        }
        assertThat(Files.exists(dir.resolve("on-disk"))).isTrue();
        try (EmbeddedS3 second = builder.start(); S3Client client = client(second, "fs-user", "fs-secret")) {
            assertThat(client.getObjectAsBytes(g -> g.bucket("on-disk").key("x.json")).asUtf8String())
                    .isEqualTo("{}");
        }
    }

    @Test
    void httpsServesWithACertificateTheClientTrustsThroughTheServer() {
        try (EmbeddedS3 server = EmbeddedS3.builder().https(true).start();
                S3Client client = client(server, server.accessKey(), server.secretKey())) {
            assertThat(server.endpoint()).startsWith("https://127.0.0.1:");
            client.createBucket(b -> b.bucket("secure"));
            assertThat(client.listBuckets().buckets()).extracting(b -> b.name()).contains("secure");
        }
    }

    @Test
    void closedServerRefusesUse() {
        EmbeddedS3 server = EmbeddedS3.builder().start();
        server.close();
        server.close();
        assertThatThrownBy(server::endpoint).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(server::sslContext).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("https(true)");
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheEnclosingClassServer(EmbeddedS3 injected) {
            assertThat(injected).isSameAs(S3.server());
        }
    }

    private static S3Client client(EmbeddedS3 server, String accessKey, String secretKey) {
        Apache5HttpClient.Builder http = Apache5HttpClient.builder();
        if (server.isHttps()) {
            http.tlsTrustManagersProvider(() -> new TrustManager[] {server.trustManager()});
        }
        return S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey)))
                .httpClient(http.build())
                .build();
    }
}
