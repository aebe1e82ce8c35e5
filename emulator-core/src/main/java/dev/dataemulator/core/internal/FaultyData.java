package dev.dataemulator.core.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.OrphanValues;
import dev.dataemulator.core.spi.RecordData;
import java.math.BigDecimal;

/**
 * A record's data with one top-level field damaged as its {@link Faults.Choice} says: written as null
 * ({@code null}), outside its type's bounds ({@code out_of_range}: an int past 32 bits, a decimal of one digit more
 * than its precision allows), as a string ({@code wrong_type}) or as a reference to no parent record
 * ({@code orphan}, the domain's {@link OrphanValues}). Every other field is written unchanged. Immutable.
 */
final class FaultyData implements RecordData {
    private final RecordData data;
    private final Faults.Kind kind;
    private final String field;
    private final FieldType type;

    /** The maker of absent values of an {@code orphan} fault; null for other kinds. */
    private final OrphanValues orphans;
    private final long draw;

    FaultyData(RecordData data, Faults.Choice choice, FieldType type, OrphanValues orphans, long draw) {
        this.data = data;
        this.kind = choice.kind();
        this.field = choice.field();
        this.type = type;
        this.orphans = orphans;
        this.draw = draw;
    }

    /** @return the data before the damage */
    RecordData clean() {
        return data;
    }

    @Override
    public String key() {
        return data.key();
    }

    @Override
    public void writeFields(FieldWriter out) {
        data.writeFields(new Damaging(out));
    }

    /** Passes every call through but the damaged field's. */
    private final class Damaging extends TopLevelFields {
        Damaging(FieldWriter out) {
            super(out);
        }

        private boolean damaged(String name) {
            return topLevel() && field.equals(name);
        }

        /** @return whether the field is the orphaned one, whose absent value is then written */
        private boolean orphaned(String name) {
            if (orphans == null || !damaged(name)) {
                return false;
            }
            orphans.write(out, name, draw);
            return true;
        }

        @Override
        String opening(String name) {
            if (field.equals(name)) {
                // a damaged nested field is written as null and skipped
                out.nullValue(name);
                return null;
            }
            return name;
        }

        @Override
        public void string(String name, String value) {
            if (skipped() || orphaned(name)) {
                return;
            }
            if (damaged(name)) {
                out.nullValue(name);
            } else {
                out.string(name, value);
            }
        }

        @Override
        public void integer(String name, long value) {
            if (skipped() || orphaned(name)) {
                return;
            }
            if (!damaged(name)) {
                out.integer(name, value);
            } else if (kind == Faults.Kind.NULL) {
                out.nullValue(name);
            } else if (kind == Faults.Kind.WRONG_TYPE) {
                out.string(name, Long.toString(value));
            } else {
                // past 32 bits, on the side away from the value so that it never wraps back in
                out.integer(name, value < 0 ? Integer.MIN_VALUE - 1L - (value & 0xff) : Integer.MAX_VALUE + 1L
                        + (value & 0xff));
            }
        }

        @Override
        public void floating(String name, double value) {
            if (skipped() || orphaned(name)) {
                return;
            }
            if (!damaged(name)) {
                out.floating(name, value);
            } else if (kind == Faults.Kind.NULL) {
                out.nullValue(name);
            } else {
                out.string(name, Double.toString(value));
            }
        }

        @Override
        public void decimal(String name, long unscaled, int scale) {
            if (skipped() || orphaned(name)) {
                return;
            }
            if (!damaged(name)) {
                out.decimal(name, unscaled, scale);
            } else if (kind == Faults.Kind.NULL) {
                out.nullValue(name);
            } else if (kind == Faults.Kind.WRONG_TYPE) {
                out.string(name, BigDecimal.valueOf(unscaled, scale).toPlainString());
            } else {
                // |value| must stay below 10^(precision - scale): 10^precision unscaled is exactly that bound
                long bound = BigDecimal.TEN.pow(type.precision()).longValueExact();
                out.decimal(name, unscaled < 0 ? -bound : bound, scale);
            }
        }

        @Override
        public void timestamp(String name, long epochMicros) {
            if (skipped() || orphaned(name)) {
                return;
            }
            if (damaged(name)) {
                out.nullValue(name);
            } else {
                out.timestamp(name, epochMicros);
            }
        }

        @Override
        public void date(String name, int epochDay) {
            if (skipped() || orphaned(name)) {
                return;
            }
            if (damaged(name)) {
                out.nullValue(name);
            } else {
                out.date(name, epochDay);
            }
        }

        @Override
        public void bool(String name, boolean value) {
            if (skipped() || orphaned(name)) {
                return;
            }
            if (!damaged(name)) {
                out.bool(name, value);
            } else if (kind == Faults.Kind.NULL) {
                out.nullValue(name);
            } else {
                out.string(name, Boolean.toString(value));
            }
        }

        @Override
        public void nullValue(String name) {
            if (!skipped() && !orphaned(name)) {
                out.nullValue(name);
            }
        }
    }
}
