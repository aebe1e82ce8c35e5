package dev.dataemulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.kafka.internal.KafkaSettings;
import dev.dataemulator.kafka.internal.RegistryValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What fails before the registry is contacted: a domain that declares no schema cannot be sent as avro. */
class RegistryValuesTest {

    @Test
    void aDomainWithoutASchemaFailsItsRecordNamingTheDomainAndTheFormat() {
        KafkaSettings settings = KafkaSettings.parseWrapped(Map.of("value_format", "avro", "schema_registry_url",
                "http://127.0.0.1:1"));
        RegistryValues values = new RegistryValues(settings.valueFormat(), settings.registry(),
                settings.setupTimeout());
        EmulatedRecord record = Fixtures.of("untyped").registry(DomainRegistry.builder().register(new Untyped())
                .build()).records(1).get(0);
        assertThat(record.schema()).isEmpty();

        assertThatThrownBy(() -> values.encode("t", record))
                .isInstanceOf(SinkException.class)
                .hasMessage("Domain 'untyped' declares no schema; value_format=avro needs one (use value_format=json)");
    }

    /** A domain that declares no schema. */
    private static final class Untyped implements DomainProvider {
        @Override
        public String name() {
            return "untyped";
        }

        @Override
        public DomainGenerator open(DomainContext context) {
            return () -> (RecordFactory) (seq, random) -> new RecordData() {
                @Override
                public String key() {
                    return "k" + seq;
                }

                @Override
                public void writeFields(dev.dataemulator.core.spi.FieldWriter out) {
                    out.integer("n", seq);
                }
            };
        }
    }
}
