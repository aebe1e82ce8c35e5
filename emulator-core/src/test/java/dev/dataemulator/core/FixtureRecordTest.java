package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FixtureRecordTest {
    private static final RecordSchema SCHEMA = RecordSchema.builder("pair").required("id", FieldType.STRING).build();
    private static final RecordData DATA = new RecordData() {
        @Override
        public String key() {
            return "k1";
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("id", "k1");
        }
    };

    @Test
    void usersCannotConstructARecord() {
        assertThat(EmulatedRecord.class.getDeclaredConstructors())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(
                        c.getModifiers())).as(c.toString()).isFalse());
    }

    @Test
    void aRecordOfAPayloadHasTheGivenPartsAndTheDocumentedDefaults() {
        EmulatedRecord plain = Fixtures.record(DATA).build();
        assertThat(plain.emulationId()).isEqualTo("fixture");
        assertThat(plain.domain()).isEqualTo("fixture");
        assertThat(plain.seq()).isZero();
        assertThat(plain.envelope()).isFalse();
        assertThat(plain.schema()).isEmpty();
        assertThat(plain.jsonString()).isEqualTo("{\"id\":\"k1\"}");

        DeliveryTracker tracker = DeliveryTracker.none();
        byte[] json = "{\"given\":true}".getBytes(StandardCharsets.UTF_8);
        EmulatedRecord record = Fixtures.record(DATA).emulationId("run-1").domain("trip").seq(3)
                .timestamp(1_700_000_000L).envelope(true).json(json).tracker(tracker).schema(SCHEMA).build();
        assertThat(record.emulationId()).isEqualTo("run-1");
        assertThat(record.domain()).isEqualTo("trip");
        assertThat(record.seq()).isEqualTo(3);
        assertThat(record.timestamp()).isEqualTo(1_700_000_000L);
        assertThat(record.eventTimeMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(record.envelope()).isTrue();
        assertThat(record.jsonString()).isEqualTo("{\"given\":true}");
        assertThat(record.tracker()).isSameAs(tracker);
        assertThat(record.schema()).containsSame(SCHEMA);
        assertThat(record.key()).isEqualTo("k1");
    }

    @Test
    void aCopyKeepsEveryPartButTheOnesChanged() {
        EmulatedRecord original = Fixtures.record(DATA).emulationId("run-1").domain("trip").seq(9).timestamp(5)
                .eventTimeMillis(4_321L).envelope(true).schema(SCHEMA).build();
        DeliveryTracker other = DeliveryTracker.none();
        EmulatedRecord copy = Fixtures.record(original).seq(10).tracker(other).build();
        assertThat(copy.emulationId()).isEqualTo("run-1");
        assertThat(copy.domain()).isEqualTo("trip");
        assertThat(copy.seq()).isEqualTo(10);
        assertThat(copy.timestamp()).isEqualTo(5);
        assertThat(copy.eventTimeMillis()).isEqualTo(4_321L);
        assertThat(copy.envelope()).isTrue();
        assertThat(copy.data()).isSameAs(DATA);
        assertThat(copy.schema()).containsSame(SCHEMA);
        assertThat(copy.tracker()).isSameAs(other);
        assertThat(Arrays.equals(copy.json(), original.json())).isTrue();
        assertThat(copy.jsonString()).isEqualTo("{\"emulation_id\":\"run-1\",\"timestamp\":5,\"data\":{\"id\":\"k1\"}}");
    }
}
