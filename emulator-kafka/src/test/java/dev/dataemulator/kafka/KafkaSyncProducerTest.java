package dev.dataemulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.SinkRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corner cases on a mock producer; the real behaviour is proven against a broker in the *IT tests. */
class KafkaSyncProducerTest {
    private final CountingTracker tracker = new CountingTracker();
    private final List<EmulatedRecord> records = Fixtures.of("transaction").seed(7).emulationId("run-1").records(3)
            .stream().map(tracker::track).toList();
    private MockProducer<String, byte[]> producer;
    private Admin admin;

    @BeforeEach
    void setUp() {
        admin = Admin.create(Map.<String, Object>of("bootstrap.servers", "127.0.0.1:1"));
    }

    @AfterEach
    void tearDown() {
        admin.close(java.time.Duration.ZERO);
    }

    private KafkaSyncProducer sink(boolean autoComplete) {
        producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
        return KafkaSyncProducer.wrap(producer, admin);
    }

    @Test
    void sendsTheKeyTheJsonBytesAsTheyAreAndTheHeaders() {
        KafkaSyncProducer sink = sink(true);
        EmulatedRecord record = records.get(1);

        sink.produce("transactions", record.key(), record);

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("transactions");
        assertThat(sent.key()).isEqualTo(record.key());
        assertThat(sent.value()).isSameAs(record.json());
        assertThat(producer.history()).as("no tombstone after a record that deletes nothing").hasSize(1);
        assertThat(sent.timestamp()).isNull();
        assertThat(header(sent, "emulation_id")).isEqualTo("run-1");
        assertThat(header(sent, "domain")).isEqualTo("transaction");
        assertThat(header(sent, "seq")).isEqualTo("1");
        assertThat(tracker.delivered).hasValue(1);
    }

    @Test
    void aRecordThatDeletesItsKeyIsFollowedByATombstoneUnlessTombstonesIsFalse() {
        RecordData delete = new RecordData() {
            @Override
            public String key() {
                return "{\"id\":7}";
            }

            @Override
            public void writeFields(FieldWriter out) {
                out.string("op", "d");
            }

            @Override
            public boolean deletesKey() {
                return true;
            }
        };
        EmulatedRecord record = tracker.track(Fixtures.record(delete).seq(9).build());
        sink(true).produce("accounts", record.key(), record);
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.history().get(0).value()).isNotNull();
        assertThat(producer.history().get(1).key()).isEqualTo("{\"id\":7}");
        assertThat(producer.history().get(1).value()).isNull();
        assertThat(header(producer.history().get(1), "seq")).isEqualTo("9");
        assertThat(tracker.delivered).as("the tombstone is not a record of the emulation").hasValue(1);

        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        KafkaSyncProducer.wrap(producer, admin, Map.of("tombstones", "false")).produce("accounts", record.key(),
                record);
        assertThat(producer.history()).singleElement().satisfies(sent -> assertThat(sent.value()).isNotNull());
    }

    @Test
    void headersFollowEachRecordsRunAndSequenceNumber() {
        KafkaSyncProducer sink = sink(true);
        EmulatedRecord first = records.get(2);
        EmulatedRecord other = Fixtures.record(first.data()).emulationId("run-2").domain("device-log").seq(1234567)
                .timestamp(first.timestamp()).envelope(first.envelope()).json(first.json()).tracker(tracker).build();

        sink.produce("t", first.key(), first);
        sink.produce("t", other.key(), other);
        sink.produce("t", first.key(), first);

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).extracting(r -> header(r, "emulation_id")).containsExactly("run-1", "run-2", "run-1");
        assertThat(sent).extracting(r -> header(r, "domain"))
                .containsExactly("transaction", "device-log", "transaction");
        assertThat(sent).extracting(r -> header(r, "seq")).containsExactly("2", "1234567", "2");
    }

    @Test
    void sequenceNumbersAreWrittenInDecimal() {
        for (long seq : new long[] {0, 7, 10, 99, 100, 4_294_967_296L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            assertThat(new String(KafkaSyncProducer.seqBytes(seq), StandardCharsets.UTF_8))
                    .isEqualTo(Long.toString(seq));
        }
    }

    @Test
    void aRetriableErrorCountsTheRecordFailedWithoutAbortingTheEmulation() {
        KafkaSyncProducer sink = sink(false);
        sink.produce("t", records.get(0).key(), records.get(0));

        producer.errorNext(new NetworkException("connection lost"));

        assertThat(tracker.failed).hasValue(1);
        assertThat(tracker.delivered).hasValue(0);
        assertThat(tracker.aborts).isEmpty();
    }

    @Test
    void anAuthorizationErrorCountsTheRecordsFailedAndAbortsTheEmulationOnce() {
        KafkaSyncProducer sink = sink(false);
        records.forEach(record -> sink.produce("t", record.key(), record));

        while (producer.errorNext(new TopicAuthorizationException("not allowed"))) {
            // fail every outstanding record
        }

        assertThat(tracker.failed).hasValue(3);
        assertThat(tracker.aborts).hasSize(1).first().isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aRecordTheProducerRefusesIsASinkExceptionAndIsNotReported() {
        KafkaSyncProducer sink = sink(true);
        producer.sendException = new KafkaException("buffer gone");

        assertThatThrownBy(() -> sink.produce("t", records.get(0).key(), records.get(0)))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("refused record 0 for topic 't'")
                .hasMessageContaining("buffer gone");
        assertThat(tracker.failed).hasValue(0);
        assertThat(tracker.delivered).hasValue(0);
    }

    @Test
    void closingAWrappingSinkLeavesTheApplicationsProducerOpenAndRefusesFurtherRecords() {
        KafkaSyncProducer sink = sink(true);

        sink.close();
        sink.close();

        assertThat(producer.closed()).isFalse();
        assertThat(sink.toString()).contains("wrapping the application's producer", "closed");
        assertThatThrownBy(() -> sink.produce("t", records.get(0).key(), records.get(0)))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> sink.setupResource("t")).isInstanceOf(SinkException.class);
        assertThat(tracker.failed).hasValue(0);
    }

    @Test
    void anIllegalTopicNameFailsBeforeTheClusterIsContacted() {
        KafkaSyncProducer sink = sink(true);

        assertThatThrownBy(() -> sink.setupResource("orders/2024"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'topic' = 'orders/2024'")
                .hasMessageContaining("character '/' at position 6 is not legal");
    }

    @Test
    void masksThePasswordOfAnOwnSink() {
        try (KafkaSyncProducer sink = KafkaSyncProducer.create(Map.of("bootstrap.servers", "127.0.0.1:1",
                "username", "emulator", "password", "hunter2", "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "close_timeout", "1s"))) {
            assertThat(sink.toString())
                    .startsWith("KafkaSyncProducer[kafka{")
                    .contains("username=emulator", "password=****")
                    .doesNotContain("hunter2");
        }
    }

    @Test
    void aBadClientSettingIsReportedWithItsNameAndValue() {
        assertThatThrownBy(() -> KafkaSyncProducer.create(Map.of("bootstrap.servers", "127.0.0.1:1",
                "acks", "some")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'acks' = 'some'");
    }

    @Test
    void isFoundByTheSinkRegistryAsKafka() {
        SinkRegistry registry = SinkRegistry.discover();

        assertThat(registry.names()).contains("kafka");
        assertThat(registry.provider("kafka")).isInstanceOf(KafkaSinkProvider.class);
        assertThatThrownBy(() -> registry.create("kafka", Map.of("topic_partitions", "3")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'bootstrap.servers' = null: is required by the 'kafka' sink");
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void recordTimestampAcceptsOnlySendOrEvent() {
        assertThatThrownBy(() -> KafkaSyncProducer.create(java.util.Map.of("bootstrap.servers", "localhost:9092",
                "record_timestamp", "created")))
                .isInstanceOf(dev.dataemulator.core.InvalidSettingException.class)
                .hasMessageContaining("'record_timestamp' = 'created'").hasMessageContaining("expected send");
    }

}
