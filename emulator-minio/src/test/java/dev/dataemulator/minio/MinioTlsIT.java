package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.support.ObjectSink;
import dev.dataemulator.testkit.EmbeddedS3;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink over HTTPS to an S3 server with a self-signed certificate. The configuration map has no trust-store
 * setting, so a private CA is trusted by handing the sink a {@link MinioClient} whose HTTP client trusts it; without
 * that, setup fails fast with a message about the TLS handshake.
 */
class MinioTlsIT {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new ParcelDomain());
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private static EmbeddedS3 s3;
    private static OkHttpClient http;
    private static MinioClient client;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.builder().https(true).start();
        http = MinioStore.httpClientBuilder(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .sslSocketFactory(s3.sslContext().getSocketFactory(), s3.trustManager())
                .build();
        client = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey())
                .httpClient(http).build();
    }

    @AfterAll
    static void stop() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        s3.close();
    }

    @Test
    void aClientThatTrustsTheServerCertificateDeliversEveryRecordOverHttps() throws Exception {
        assertThat(s3.endpoint()).startsWith("https://");
        EmulationReport report;
        try (ObjectSink sink = MinioStore.sink(Map.of("endpoint", s3.endpoint(),
                "max_chunk_size", "8KiB"), client)) {
            report = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS).domain(ParcelDomain.NAME)
                    .resource("tls-ok").sink(sink).threads(4).maxRecords(1_000).build());
        }

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(1_000);
        Set<Long> seqs = new HashSet<>();
        int objects = 0;
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket("tls-ok").recursive(true)
                .build())) {
            objects++;
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket("tls-ok")
                    .object(item.get().objectName()).build())) {
                Matcher m = SEQ.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    assertThat(seqs.add(Long.parseLong(m.group(1)))).isTrue();
                }
            }
        }
        assertThat(objects).isGreaterThan(1);
        assertThat(seqs).hasSize(1_000);
    }

    @Test
    void anUntrustedCertificateFailsSetupQuicklyNamingTheTlsHandshake() {
        try (ObjectSink sink = MinioStore.sink(Map.of("endpoint", s3.endpoint(),
                "access_key", s3.accessKey(), "secret_key", s3.secretKey(), "connect_timeout", "2s",
                "request_timeout", "5s"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> sink.setupResource("tls-untrusted"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("Setting up bucket 'tls-untrusted' failed")
                    .hasMessageContaining("TLS handshake with the S3 endpoint " + s3.endpoint() + " failed")
                    .hasMessageContaining("MinioStore.sink(config, client)")
                    .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void anEmulationAgainstAnUntrustedServerEndsFailedWithNothingGenerated() {
        long start = System.nanoTime();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS)
                .domain(ParcelDomain.NAME).resource("tls-untrusted-run")
                .sink("minio", Map.of("endpoint", s3.endpoint(), "access_key", s3.accessKey(),
                        "secret_key", s3.secretKey(), "connect_timeout", "2s"))
                .threads(2).duration(Duration.ofSeconds(30)).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().satisfies(e -> assertThat(e.getMessage()).contains("TLS handshake"));
        assertThat(report.stats().generated()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void plainHttpToTheHttpsPortFailsSetupWithinTheTimeouts() {
        String plain = s3.endpoint().replace("https://", "http://");
        try (ObjectSink sink = MinioStore.sink(Map.of("endpoint", plain,
                "access_key", s3.accessKey(), "secret_key", s3.secretKey(), "connect_timeout", "2s",
                "request_timeout", "3s"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> sink.setupResource("tls-plain"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("Setting up bucket 'tls-plain' failed")
                    .hasMessageContaining(plain);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
