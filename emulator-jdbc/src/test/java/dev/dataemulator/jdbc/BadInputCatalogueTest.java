package dev.dataemulator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code jdbc} rows of docs/BAD-INPUT.md that need no database: each bad setting fails sink creation, before any
 * connection, with an {@link InvalidSettingException} naming the setting and the value (the password masked, in
 * the {@code password} setting and in the URL).
 */
class BadInputCatalogueTest {
    private static final String SECRET = "catalogue-password-value";

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("url", "jdbc:postgresql://127.0.0.1:1/postgres");
        config.put("password", SECRET);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                config.remove(keyValues[i]);
            } else {
                config.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return config;
    }

    private static Arguments row(String name, Map<String, String> config, String key, String shownValue,
            String reason) {
        return Arguments.of(name, config, key, shownValue, reason);
    }

    static Stream<Arguments> configRows() {
        return Stream.of(
                row("no url", config("url", null), "url", null, "is required by the 'jdbc' sink"),
                row("not a JDBC URL", config("url", "postgresql://db:5432/app"), "url", "postgresql://db:5432/app",
                        "expected a JDBC URL, e.g. jdbc:postgresql://localhost:5432/postgres"),
                row("a PostgreSQL URL pgjdbc cannot read", config("url", "jdbc:postgresql://db:port/app"), "url",
                        "jdbc:postgresql://db:port/app", "is not a PostgreSQL URL pgjdbc can read"),
                row("an unknown dialect", config("url", "jdbc:mysql://db:3306/app"), "url",
                        "jdbc:mysql://db:3306/app", "names the database 'mysql', which the 'jdbc' sink does not "
                                + "support (supported: postgresql, duckdb)"),
                row("an in-memory DuckDB", config("url", "jdbc:duckdb:"), "url", "jdbc:duckdb:",
                        "is an in-memory DuckDB database"),
                row("a password in the URL is masked", config("url", "jdbc:oracle:thin:@db?password=" + SECRET),
                        "url", "jdbc:oracle:thin:@db?password=****", "names the database 'oracle'"),
                row("unknown table policy", config("table_policy", "truncate"), "table_policy", "truncate",
                        "expected one of create, drop_and_create, manual"),
                row("unknown write mode", config("write_mode", "merge"), "write_mode", "merge",
                        "expected one of insert, upsert, changes"),
                row("zero batch size", config("batch_size", "0"), "batch_size", "0",
                        "an integer between 1 and 1000000"),
                row("a table name that is not one", config("table", "orders; DROP TABLE x"), "table",
                        "orders; DROP TABLE x", "expected a table name"),
                row("a key column that is not one", config("key_column", "id,name"), "key_column", "id,name",
                        "expected a column name"),
                row("zero retry timeout", config("retry_timeout", "0s"), "retry_timeout", "0s",
                        "a positive duration"),
                row("misspelled key", config("batchsize", "10"), "batchsize", "10",
                        "is not a setting of the 'jdbc' sink (known: url, user, password, table, table_policy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configRows")
    void aBadSettingFailsCreationNamingTheSettingAndTheValue(String name, Map<String, String> config, String key,
            String shownValue, String reason) {
        assertThatThrownBy(() -> JdbcSyncProducer.create(config).close())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .extracting(Violation::setting, Violation::value)
                        .contains(Tuple.tuple(key, shownValue)))
                .hasMessageContaining("'" + key + "' = " + (shownValue == null ? "null" : "'" + shownValue + "'"))
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void anUpsertOfRecordsWhoseKeyNoFieldHoldsFailsBeforeAnyConnection() {
        RecordSchema schema = RecordSchema.builder("note").required("text", FieldType.STRING).build();
        RecordData data = new RecordData() {
            @Override
            public String key() {
                return "note-1";
            }

            @Override
            public void writeFields(FieldWriter out) {
                out.string("text", "hello");
            }
        };
        try (JdbcSyncProducer sink = JdbcSyncProducer.create(config("write_mode", "upsert"))) {
            assertThatThrownBy(() -> sink.produce("notes", "note-1", Fixtures.record(data).domain("note")
                    .schema(schema).build()))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("write_mode=upsert writes by the record key, and no field of domain "
                            + "'note' holds it (key 'note-1'); set key_column");
        }
    }

    @Test
    void theSameSettingsFailThroughTheSinkRegistry() {
        assertThatThrownBy(() -> SinkRegistry.discover().create("jdbc", config("write_mode", "merge")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'write_mode' = 'merge'");
    }

    @Test
    void theSettingsAsShownMaskThePasswordEverywhere() {
        try (JdbcSyncProducer sink = JdbcSyncProducer.create(config("url",
                "jdbc:postgresql://127.0.0.1:1/postgres?password=" + SECRET))) {
            assertThat(sink.toString()).contains("password=****").doesNotContain(SECRET);
        }
    }
}
