package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.Optional;
import java.util.SplittableRandom;

/** The generators of a lifecycle domain: its changes, and the table at an instant. */
final class LifecycleGenerators {
    private LifecycleGenerators() {
    }

    /** What both share: the entities, timed records. Thread-safe. */
    private abstract static class Base implements DomainGenerator {
        final Entities entities;
        final LifecyclePlan lifecycle;
        private final RecordSchema schema;

        Base(Entities entities, RecordSchema schema) {
            this.entities = entities;
            this.lifecycle = entities.lifecycle;
            this.schema = schema;
        }

        @Override
        public boolean timed() {
            return true;
        }

        @Override
        public Optional<RecordSchema> schema() {
            return Optional.of(schema);
        }
    }

    /** The changes of a lifecycle domain in event-time order: record seq is change seq. */
    static final class Changes extends Base {
        private final ChangeFormat format;

        Changes(Entities entities, ChangeFormat format) {
            super(entities, format.schema(entities));
            this.format = format;
        }

        @Override
        public RecordFactory newFactory() {
            Entities.Evaluator evaluator = entities.evaluator();
            ChangeSchedule.Cursor cursor = entities.schedule.cursor();
            return new RecordFactory() {
                @Override
                public RecordData create(long seq, SplittableRandom random) {
                    if (!cursor.moveTo(seq)) {
                        return null;
                    }
                    Version version = cursor.version;
                    boolean delete = lifecycle.delete[version.state];
                    Version shown = delete ? version.previous : version;
                    RecordData after = evaluator.at(cursor.entity, cursor.created, shown);
                    RecordData before = format.needsBefore() && version.previous != null && !delete
                            ? evaluator.at(cursor.entity, cursor.created, version.previous) : null;
                    char op = version.number == 1 ? 'c' : delete ? 'd' : 'u';
                    return format.record(entities, seq, cursor.time, op, version.number, before, after);
                }

                @Override
                public long eventMillis(long seq) {
                    return cursor.moveTo(seq) ? cursor.time : Long.MAX_VALUE;
                }
            };
        }

        @Override
        public boolean unwrapped() {
            return format == ChangeFormat.DEBEZIUM;
        }
    }

    /** The entities alive at an instant, in entity order, each with its latest version; event time the instant. */
    static final class Snapshot extends Base {
        private final long at;

        Snapshot(Entities entities, long at) {
            super(entities, entities.rowSchema(false));
            this.at = at;
        }

        @Override
        public RecordFactory newFactory() {
            Entities.Evaluator evaluator = entities.evaluator();
            Rng rng = new Rng();
            long count = entities.schedule.count;
            return new RecordFactory() {
                /** The alive entity last found, its version, and how many alive ones came before it. */
                private long entity = -1;
                private Version version;
                private long found = -1;

                /** @return whether the table has a row {@code seq}; it is then {@link #entity} at {@link #version} */
                private boolean moveTo(long seq) {
                    if (seq < found) {
                        entity = -1;
                        found = -1;
                    }
                    while (found < seq) {
                        if (++entity >= count) {
                            entity = count;
                            return false;
                        }
                        Version latest = entities.schedule.versionAt(entity, at, rng);
                        if (latest != null && !lifecycle.delete[latest.state]) {
                            version = latest;
                            found++;
                        }
                    }
                    return true;
                }

                @Override
                public RecordData create(long seq, SplittableRandom random) {
                    if (!moveTo(seq)) {
                        return null;
                    }
                    RecordData values = evaluator.at(entity, entities.schedule.created(entity), version);
                    return new Entities.Row(values, null, version.number);
                }

                @Override
                public long eventMillis(long seq) {
                    return moveTo(seq) ? at : Long.MAX_VALUE;
                }
            };
        }
    }
}
