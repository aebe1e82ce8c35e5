package dev.dataemulator.jdbc;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A change stream in the lifecycle domains' {@code row} format (the entity's fields plus {@code __op} c/u/d and a
 * 1-based {@code __version}), made here so the sink can be proven before and apart from any lifecycle domain, and its
 * fold (the table a correct consumer ends with), computed independently of the sink.
 */
final class ChangeStream {
    static final RecordSchema SCHEMA = RecordSchema.builder("account")
            .required("account_id", FieldType.LONG)
            .required("owner", FieldType.STRING)
            .required("balance", FieldType.decimal(10, 2))
            .required("updated_at", FieldType.TIMESTAMP)
            .required("opened_on", FieldType.DATE)
            .required("active", FieldType.BOOLEAN)
            .required("tags", FieldType.list(FieldType.STRING))
            .optional("score", FieldType.DOUBLE)
            .required("__op", FieldType.STRING)
            .required("__version", FieldType.LONG)
            .build();

    /** One version of one entity. */
    record Change(long id, long version, char op, String owner, long balanceCents, long updatedMicros, int openedOn,
            boolean active, List<String> tags, Double score) implements RecordData {
        @Override
        public String key() {
            return Long.toString(id);
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.integer("account_id", id);
            out.string("owner", owner);
            out.decimal("balance", balanceCents, 2);
            out.timestamp("updated_at", updatedMicros);
            out.date("opened_on", openedOn);
            out.bool("active", active);
            out.beginList("tags");
            for (String tag : tags) {
                out.string(null, tag);
            }
            out.endList();
            if (score == null) {
                out.nullValue("score");
            } else {
                out.floating("score", score);
            }
            out.string("__op", String.valueOf(op));
            out.integer("__version", version);
        }

        /** @return the row this version leaves in the table: every column but {@code __op} */
        Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("account_id", id);
            row.put("owner", owner);
            row.put("balance", BigDecimal.valueOf(balanceCents, 2));
            row.put("updated_at", Instant.ofEpochSecond(updatedMicros / 1_000_000, updatedMicros % 1_000_000 * 1000)
                    .toString());
            row.put("opened_on", LocalDate.ofEpochDay(openedOn).toString());
            row.put("active", active);
            row.put("tags", tags);
            row.put("score", score);
            row.put("__version", version);
            return row;
        }
    }

    private ChangeStream() {
    }

    /**
     * @return the changes of {@code entities} entities, 1 to 5 versions each, about a third ending in a delete, in
     *     rounds (every entity's version 1, then every living entity's version 2, ...) so that each entity's versions
     *     come in order and versions of one entity fall in different batches
     */
    static List<Change> make(int entities, long seed) {
        Random random = new Random(seed);
        List<List<Change>> perEntity = new ArrayList<>();
        for (int e = 0; e < entities; e++) {
            long id = 1000 + e * 7L;
            int versions = 1 + random.nextInt(5);
            boolean deleted = versions > 1 && random.nextInt(3) == 0;
            List<Change> changes = new ArrayList<>();
            int openedOn = 19_000 + random.nextInt(700);
            for (int v = 1; v <= versions; v++) {
                char op = v == 1 ? 'c' : v == versions && deleted ? 'd' : 'u';
                List<String> tags = new ArrayList<>();
                for (int t = random.nextInt(3); t > 0; t--) {
                    tags.add(random.nextBoolean() ? "gold" : "tab\tand \"quote\"\\");
                }
                changes.add(new Change(id, v, op, "owner-" + id + "-v" + v + (v % 2 == 0 ? " ünïcode" : ""),
                        random.nextInt(5_000_000) - 1_000_000L,
                        1_780_000_000_000_000L + random.nextInt(1_000_000_000) * 1000L + random.nextInt(1000),
                        openedOn, random.nextBoolean(), tags, random.nextInt(4) == 0 ? null : random.nextDouble()));
            }
            perEntity.add(changes);
        }
        List<Change> stream = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (List<Change> changes : perEntity) {
                if (round < changes.size()) {
                    stream.add(changes.get(round));
                }
            }
        }
        return stream;
    }

    /** @return the table after applying the changes in order: creates and updates put the row, deletes remove it */
    static Map<Long, Map<String, Object>> fold(List<Change> changes) {
        Map<Long, Map<String, Object>> table = new TreeMap<>();
        for (Change change : changes) {
            if (change.op == 'd') {
                table.remove(change.id);
            } else {
                table.put(change.id, change.row());
            }
        }
        return table;
    }

    static EmulatedRecord record(Change change, long seq, DeliveryTracker tracker) {
        return Fixtures.record(change).emulationId("changes").domain("account").seq(seq)
                .timestamp(change.updatedMicros / 1_000_000).envelope(false).tracker(tracker).schema(SCHEMA).build();
    }
}
