package dev.dataemulator.core.internal;

import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;

/**
 * A record's data in the new version of its schema ({@link Drift}): its top-level fields written under their new
 * names, the dropped ones left out (nested values included), then the added fields. Nested fields pass unchanged.
 * Immutable.
 */
final class DriftedData implements RecordData {
    private final RecordData data;
    private final Drift.Bound drift;
    private final RecordData added;

    /**
     * @param data the record's data in the old version
     * @param drift the drift
     * @param added the added fields' values, or {@code null} when the drift adds none
     */
    DriftedData(RecordData data, Drift.Bound drift, RecordData added) {
        this.data = data;
        this.drift = drift;
        this.added = added;
    }

    /** @return the data of the schema's first version, before the drift renames, drops and adds fields */
    RecordData undrifted() {
        return data;
    }

    @Override
    public String key() {
        return data.key();
    }

    @Override
    public boolean deletesKey() {
        return data.deletesKey();
    }

    @Override
    public void writeFields(FieldWriter out) {
        data.writeFields(new Renaming(out));
        if (added != null) {
            added.writeFields(out);
        }
    }

    /** Passes every call through under the field's new name, but a dropped field's. */
    private final class Renaming extends TopLevelFields {
        Renaming(FieldWriter out) {
            super(out);
        }

        /** @return the name to write a field under, or {@code null} to leave it out */
        private String name(String name) {
            if (skipped()) {
                return null;
            }
            return topLevel() ? drift.nameOf(name) : name;
        }

        @Override
        String opening(String name) {
            return drift.nameOf(name);
        }

        @Override
        public void string(String name, String value) {
            String to = name(name);
            if (to != null) {
                out.string(to, value);
            }
        }

        @Override
        public void integer(String name, long value) {
            String to = name(name);
            if (to != null) {
                out.integer(to, value);
            }
        }

        @Override
        public void floating(String name, double value) {
            String to = name(name);
            if (to != null) {
                out.floating(to, value);
            }
        }

        @Override
        public void decimal(String name, long unscaled, int scale) {
            String to = name(name);
            if (to != null) {
                out.decimal(to, unscaled, scale);
            }
        }

        @Override
        public void timestamp(String name, long epochMicros) {
            String to = name(name);
            if (to != null) {
                out.timestamp(to, epochMicros);
            }
        }

        @Override
        public void date(String name, int epochDay) {
            String to = name(name);
            if (to != null) {
                out.date(to, epochDay);
            }
        }

        @Override
        public void bool(String name, boolean value) {
            String to = name(name);
            if (to != null) {
                out.bool(to, value);
            }
        }

        @Override
        public void nullValue(String name) {
            String to = name(name);
            if (to != null) {
                out.nullValue(to);
            }
        }
    }
}
