package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.List;
import java.util.Map;

/**
 * The shape of a lifecycle domain's changes, chosen by the domain option {@code change_format}: {@code row} (the
 * fields after the change, {@code __op} and {@code __version}) or {@code debezium} (Debezium's change event envelope,
 * keyed by a JSON object of the key field). Immutable.
 */
enum ChangeFormat {
    /** The fields after the change (the last values for a delete), {@code __op} c/u/d and {@code __version}. */
    ROW,
    /** {@code {"before", "after", "source", "op", "ts_ms"}}, the key {@code {"<key field>": value}}. */
    DEBEZIUM;

    /** The domain option naming the format. */
    static final String OPTION = "change_format";
    /** The domain options of a lifecycle domain. */
    static final List<String> OPTIONS = List.of(OPTION);
    /** {@code source.connector} of Debezium events. */
    static final String CONNECTOR = "emulator";
    /** {@code source.version}: the version of the event layout. */
    static final String SOURCE_VERSION = "1";

    /**
     * @return the format the options choose, {@link #ROW} by default
     * @throws InvalidSettingException for an unknown option or format
     */
    static ChangeFormat of(String domain, Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new InvalidSettingException("domainOption", key, "lifecycle domain '" + domain + "' takes "
                        + "the options " + OPTIONS);
            }
        }
        return parse(options.get(OPTION));
    }

    /**
     * @param value the option's value, null for the default
     * @return the format {@code value} names, {@link #ROW} when null
     * @throws InvalidSettingException for an unknown format
     */
    static ChangeFormat parse(String value) {
        if (value == null) {
            return ROW;
        }
        switch (value) {
            case "row":
                return ROW;
            case "debezium":
                return DEBEZIUM;
            default:
                throw new InvalidSettingException(OPTION, value, "row or debezium");
        }
    }

    /** @return whether a record needs the version before the change (Debezium's {@code before}) */
    boolean needsBefore() {
        return this == DEBEZIUM;
    }

    RecordSchema schema(Entities entities) {
        if (this == ROW) {
            return entities.rowSchema(true);
        }
        FieldType row = FieldType.struct(entities.schema);
        RecordSchema source = RecordSchema.builder("source")
                .required("version", FieldType.STRING)
                .required("connector", FieldType.STRING)
                .required("name", FieldType.STRING)
                .required("ts_ms", FieldType.LONG)
                .required("snapshot", FieldType.STRING)
                .required("db", FieldType.STRING)
                .required("table", FieldType.STRING)
                .required("sequence", FieldType.LONG)
                .build();
        return RecordSchema.builder(entities.schema.name() + "_change")
                .optional("before", row, "The entity before the change; null on create")
                .optional("after", row, "The entity after the change; null on delete")
                .required("source", FieldType.struct(source), "Where the change comes from; sequence orders changes")
                .required("op", FieldType.STRING, "c (create), u (update) or d (delete)")
                .required("ts_ms", FieldType.LONG, "The change's event time, epoch millis")
                .build();
    }

    /**
     * @param seq the change's position in the stream
     * @param time its event time, epoch millis
     * @param before the version before (Debezium), null on create and when not needed
     * @param after the values after the change; for a delete, the last values
     */
    RecordData record(Entities entities, long seq, long time, char op, int version, RecordData before,
            RecordData after) {
        if (this == ROW) {
            return new Entities.Row(after, String.valueOf(op), version);
        }
        RecordData shownBefore = op == 'd' ? after : before;
        RecordData shownAfter = op == 'd' ? null : after;
        return new Debezium(entities, shownBefore, shownAfter, op, time, seq, after.key());
    }

    /** One Debezium change event. Immutable. */
    private static final class Debezium implements RecordData {
        private final Entities entities;
        private final RecordData before;
        private final RecordData after;
        private final char op;
        private final long time;
        private final long seq;
        private final String key;

        Debezium(Entities entities, RecordData before, RecordData after, char op, long time, long seq,
                String keyText) {
            this.entities = entities;
            this.before = before;
            this.after = after;
            this.op = op;
            this.time = time;
            this.seq = seq;
            FieldType.Kind kind = entities.keyType.kind();
            boolean number = kind == FieldType.Kind.INT || kind == FieldType.Kind.LONG
                    || kind == FieldType.Kind.DOUBLE || kind == FieldType.Kind.DECIMAL || kind == FieldType.Kind.BOOLEAN;
            this.key = "{\"" + entities.keyName + "\":" + (number ? keyText : quote(keyText)) + "}";
        }

        private static String quote(String text) {
            StringBuilder out = new StringBuilder(text.length() + 2).append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public boolean deletesKey() {
            return op == 'd';
        }

        @Override
        public void writeFields(FieldWriter out) {
            writeRow(out, "before", before);
            writeRow(out, "after", after);
            out.beginObject("source");
            out.string("version", SOURCE_VERSION);
            out.string("connector", CONNECTOR);
            out.string("name", entities.name);
            out.integer("ts_ms", time);
            out.string("snapshot", "false");
            out.string("db", CONNECTOR);
            out.string("table", entities.name);
            out.integer("sequence", seq);
            out.endObject();
            out.string("op", String.valueOf(op));
            out.integer("ts_ms", time);
        }

        private static void writeRow(FieldWriter out, String name, RecordData row) {
            if (row == null) {
                out.nullValue(name);
                return;
            }
            out.beginObject(name);
            row.writeFields(out);
            out.endObject();
        }
    }
}
