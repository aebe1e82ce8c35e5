package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.testing.CounterDomain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class StdoutSinkTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStandardOutput() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(original);
    }

    private EmulationReport report;

    private String run(Map<String, String> config) {
        return run(new CounterDomain(), config);
    }

    private String run(DomainProvider domain, Map<String, String> config) {
        report = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.of(domain)).domain("counter").envelope(false)
                .sink("stdout", config).threads(2).maxRecords(5).seed(1).build());
        assertThat(report.stats().delivered()).isEqualTo(5);
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesOneJsonRecordPerLineByDefault() {
        String out = run(Map.of());
        assertThat(out.lines()).hasSize(5).allMatch(line -> line.startsWith("{\"id\":\"c-"));
    }

    @Test
    void writesCsvWithOneHeader() {
        String out = run(Map.of("format_type", "csv"));
        assertThat(out).startsWith("id,seq,value,").contains("c-0,0,", "c-4,4,");
        assertThat(out.split("id,seq,", -1)).hasSize(2);
    }

    @Test
    void bytesCountWhatTheSinkWrote() {
        String out = run(Map.of());
        assertThat(report.stats().bytes()).isEqualTo(out.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void csvNeverEncodesTheRecordsAsJsonAndCountsItsOwnBytes() {
        AtomicInteger reads = new AtomicInteger();
        String out = run(new ReadCounting(new CounterDomain(), reads), Map.of("format_type", "csv"));
        // one pass over each record's fields, for its CSV row; a JSON encoding would be a second
        assertThat(reads).hasValue(5);
        assertThat(report.stats().bytes()).isEqualTo(out.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void rejectsUnknownSettings() {
        assertThatThrownBy(() -> SinkRegistry.discover().create("stdout", Map.of("format", "csv")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'format' = 'csv': is not a setting of the 'stdout' sink (known: format_type)");
    }

    @Test
    void formatTypeIsResolvedAsTheObjectSinksResolveIt() {
        // the same registry and message as the file and minio sinks
        assertThatThrownBy(() -> SinkRegistry.discover().create("stdout", Map.of("format_type", "xml")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'format_type' = 'xml': No format 'xml' (found: [csv, json, jsonl])");
        assertThat(run(Map.of("format_type", " JSON "))).startsWith("[");
    }

    /** A domain whose records count how often their fields are read. */
    private record ReadCounting(DomainProvider delegate, AtomicInteger reads) implements DomainProvider {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public DomainGenerator open(DomainContext context) {
            DomainGenerator generator = delegate.open(context);
            return new DomainGenerator() {
                @Override
                public RecordFactory newFactory() {
                    RecordFactory factory = generator.newFactory();
                    return (seq, random) -> {
                        RecordData data = factory.create(seq, random);
                        return data == null ? null : new RecordData() {
                            @Override
                            public String key() {
                                return data.key();
                            }

                            @Override
                            public void writeFields(FieldWriter writer) {
                                reads.incrementAndGet();
                                data.writeFields(writer);
                            }
                        };
                    };
                }

                @Override
                public Optional<RecordSchema> schema() {
                    return generator.schema();
                }
            };
        }
    }
}
