package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ObjectSeriesTest {
    /** An object that counts its records and their bytes; can be told to break or to refuse a record. */
    static final class Part extends ObjectSeries.Part {
        final String resource;
        final String partition;
        final long number;
        final List<Long> seqs = new ArrayList<>();
        long bytes;
        boolean breakNext;
        /** When set, {@link #add} counts it down and waits for {@link #release} before it goes on. */
        volatile CountDownLatch entered;
        final CountDownLatch release = new CountDownLatch(1);

        Part(String resource, String partition, EmulatedRecord first, long number) {
            super(first);
            this.resource = resource;
            this.partition = partition;
            this.number = number;
        }

        @Override
        public long encodedBytes() {
            return bytes;
        }

        @Override
        public void add(EmulatedRecord record) throws IOException {
            if (entered != null) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (breakNext) {
                throw new IOException("disk full");
            }
            if (record.seq() < 0) {
                throw new IllegalArgumentException("does not fit");
            }
            seqs.add(record.seq());
            bytes += 10;
        }
    }

    private static final DeliveryTracker RUN_1 = tracker();
    private static final DeliveryTracker RUN_2 = tracker();

    private static DeliveryTracker tracker() {
        return new DeliveryTracker() {
            @Override
            public void delivered(long records) {
            }

            @Override
            public void failed(long records, Throwable cause) {
            }

            @Override
            public void abort(Throwable cause) {
            }
        };
    }

    private static EmulatedRecord record(long seq, DeliveryTracker tracker) {
        RecordData data = new RecordData() {
            @Override
            public String key() {
                return "k";
            }

            @Override
            public void writeFields(FieldWriter out) {
                out.integer("n", seq);
            }
        };
        return Fixtures.record(data).emulationId("emu").domain("d").seq(seq).tracker(tracker).build();
    }

    private final List<Part> opened = new CopyOnWriteArrayList<>();
    private final List<Part> completed = new CopyOnWriteArrayList<>();
    private final List<Part> brokenParts = new CopyOnWriteArrayList<>();

    /** The series' clock: ages move only when a test moves it. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private ObjectSeries<Part> series(long chunk, int maxOpen, boolean lanes) {
        return series(chunk, maxOpen, Long.MAX_VALUE, lanes);
    }

    private ObjectSeries<Part> series(long chunk, int maxOpen, long maxOpenBytes, boolean lanes) {
        return new ObjectSeries<>(chunk, maxOpen, maxOpenBytes, lanes, now::get, (resource, partition, first,
                number) -> {
            Part part = new Part(resource, partition, first, number);
            opened.add(part);
            return part;
        }, (part, cause) -> brokenParts.add(part));
    }

    @Test
    void aChunkIsCompleteAtItsSizeAndPartNumbersFollowEachOther() throws Exception {
        ObjectSeries<Part> series = series(30, 8, false);
        for (long seq = 0; seq < 7; seq++) {
            series.add("bucket", "", record(seq, RUN_1), completed::add);
        }
        assertThat(completed).extracting(p -> p.seqs).containsExactly(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L));
        series.drainAll(completed::add);
        assertThat(completed).extracting(p -> p.number).containsExactly(0L, 1L, 2L);
        assertThat(completed.get(2).seqs).containsExactly(6L);
        series.drainAll(completed::add);
        assertThat(completed).hasSize(3);
    }

    @Test
    void pastMaxOpenPartitionsTheOneOpenedFirstIsComplete() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 2, false);
        series.add("b", "p=a", record(0, RUN_1), completed::add);
        series.add("b", "p=b", record(1, RUN_1), completed::add);
        series.add("b", "p=a", record(2, RUN_1), completed::add);
        assertThat(completed).isEmpty();
        series.add("b", "p=c", record(3, RUN_1), completed::add);
        assertThat(completed).singleElement().satisfies(p -> {
            assertThat(p.partition).isEqualTo("p=a");
            assertThat(p.seqs).containsExactly(0L, 2L);
        });
    }

    @Test
    void aRecordOfAnotherVersionOfTheSchemaCompletesTheObjectSoNoObjectMixesTwoVersions() throws Exception {
        dev.dataemulator.core.spi.RecordSchema old = dev.dataemulator.core.spi.RecordSchema.builder("d")
                .required("n", dev.dataemulator.core.spi.FieldType.LONG).build();
        dev.dataemulator.core.spi.RecordSchema drifted = dev.dataemulator.core.spi.RecordSchema.builder("d")
                .required("m", dev.dataemulator.core.spi.FieldType.LONG).evolvedFrom(old, Map.of("n", "m")).build();
        dev.dataemulator.core.spi.RecordSchema sameAsOld = dev.dataemulator.core.spi.RecordSchema.builder("d")
                .required("n", dev.dataemulator.core.spi.FieldType.LONG).build();
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 4, false);
        long seq = 0;
        for (dev.dataemulator.core.spi.RecordSchema schema : List.of(old, sameAsOld, drifted, drifted, old)) {
            series.add("b", "", Fixtures.record(record(seq++, RUN_1)).schema(schema).build(), completed::add);
        }
        series.drainAll(completed::add);
        assertThat(completed).extracting(p -> p.seqs).containsExactly(List.of(0L, 1L), List.of(2L, 3L), List.of(4L));
        assertThat(completed).extracting(ObjectSeries.Part::cause).containsExactly(ObjectSeries.Cause.NEW_SCHEMA,
                ObjectSeries.Cause.NEW_SCHEMA, ObjectSeries.Cause.DRAINED);
    }

    @Test
    void aSecondRunUnderTheSameEmulationIdCompletesTheFirstRunsObject() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 4, false);
        series.add("b", "", record(0, RUN_1), completed::add);
        series.add("b", "", record(1, RUN_2), completed::add);
        assertThat(completed).singleElement().satisfies(p -> {
            assertThat(p.tracker()).isSameAs(RUN_1);
            assertThat(p.seqs).containsExactly(0L);
        });
        series.drainAll(completed::add);
        assertThat(completed.get(1).tracker()).isSameAs(RUN_2);
        assertThat(completed.get(1).number).isEqualTo(1);
    }

    @Test
    void aBrokenObjectLeavesItsSeriesAndAFailedOpenStillHandsOnWhatWasComplete() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 1, false);
        series.add("b", "p=a", record(0, RUN_1), completed::add);
        opened.get(0).breakNext = true;
        assertThatThrownBy(() -> series.add("b", "p=a", record(1, RUN_1), completed::add))
                .isInstanceOfSatisfying(ObjectSeries.BrokenPartException.class, e -> {
                    assertThat(e.part()).isSameAs(opened.get(0));
                    assertThat(e.getCause()).hasMessage("disk full");
                });
        assertThat(brokenParts).as("handed to the sink's handler, to report its records failed")
                .containsExactly(opened.get(0));
        series.drainAll(completed::add);
        assertThat(completed).as("a broken object is never completed").isEmpty();

        // the next record opens a new object; one that does not fit leaves it open and intact
        series.add("b", "p=a", record(2, RUN_1), completed::add);
        assertThatThrownBy(() -> series.add("b", "p=a", record(-1, RUN_1), completed::add))
                .isInstanceOf(IllegalArgumentException.class);
        // an opener that fails: the object it displaced (max one open) is still handed on
        ObjectSeries<Part> failing = new ObjectSeries<>(Long.MAX_VALUE, 1, Long.MAX_VALUE, false, now::get,
                (r, p, first, n) -> {
            if (p.equals("p=b")) {
                throw new IOException("cannot create");
            }
            return new Part(r, p, first, n);
        }, (part, cause) -> brokenParts.add(part));
        failing.add("b", "p=a", record(3, RUN_1), completed::add);
        assertThatThrownBy(() -> failing.add("b", "p=b", record(4, RUN_1), completed::add))
                .isInstanceOf(IOException.class).hasMessage("cannot create");
        assertThat(completed).singleElement().satisfies(p -> assertThat(p.seqs).containsExactly(3L));
        series.drainAll(completed::add);
        assertThat(completed.get(1).seqs).containsExactly(2L);
    }

    @Test
    void onlyObjectsOpenedByTheGivenTimeAreDrainedAsAged() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 4, false);
        series.add("b", "p=a", record(0, RUN_1), completed::add);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        series.add("b", "p=b", record(1, RUN_1), completed::add);
        series.drainAged(Duration.ofSeconds(5), completed::add);
        assertThat(completed).as("4 s old, younger than 5 s").isEmpty();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        series.drainAged(Duration.ofSeconds(5), completed::add);
        assertThat(completed).singleElement().satisfies(p -> {
            assertThat(p.partition).isEqualTo("p=a");
            assertThat(p.cause()).isEqualTo(ObjectSeries.Cause.AGED);
        });
    }

    @Test
    void withLanesEachThreadFillsItsOwnObjectsAndNumbersNeverCollide() throws Exception {
        ObjectSeries<Part> series = series(50, 4, true);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        Set<String> writers = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < threads; t++) {
            long base = t * 1000L;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (long seq = base; seq < base + 100; seq++) {
                        series.add("b", "", record(seq, RUN_1), completed::add);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        series.drainAll(completed::add);
        List<Long> numbers = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (Part part : completed) {
            numbers.add(part.number);
            seqs.addAll(part.seqs);
            // one lane's records only: each thread's seqs share their thousands
            writers.add(part.seqs.get(0) / 1000 + "");
            assertThat(part.seqs).allSatisfy(seq -> assertThat(seq / 1000).isEqualTo(part.seqs.get(0) / 1000));
        }
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(seqs).hasSize(threads * 100).doesNotHaveDuplicates();
        assertThat(writers).hasSize(threads);
        Collections.sort(numbers);
        assertThat(numbers.get(numbers.size() - 1)).isEqualTo(numbers.size() - 1);
    }

    @Test
    void drainAllWaitsForAnObjectAnotherThreadIsHandingOn() throws Exception {
        ObjectSeries<Part> series = series(20, 4, false);
        CountDownLatch handing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        series.add("b", "", record(0, RUN_1), completed::add);
        Thread producer = new Thread(() -> {
            try {
                // the second record fills the chunk: it is taken out and handed on slowly (a close, an upload slot)
                series.add("b", "", record(1, RUN_1), part -> {
                    handing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    completed.add(part);
                });
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        producer.start();
        handing.await();
        Thread flusher = new Thread(() -> series.drainAll(completed::add));
        flusher.start();
        flusher.join(300);
        assertThat(flusher.isAlive()).as("a flush returns only once the full chunk is handed on").isTrue();
        assertThat(completed).isEmpty();
        release.countDown();
        flusher.join(10_000);
        producer.join(10_000);
        assertThat(flusher.isAlive()).isFalse();
        assertThat(completed).singleElement().satisfies(p -> assertThat(p.seqs).containsExactly(0L, 1L));
    }

    @Test
    void aFailingHandOffDoesNotStopTheOthers() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 4, false);
        series.add("b", "p=a", record(0, RUN_1), completed::add);
        series.add("b", "p=b", record(1, RUN_1), completed::add);
        assertThatThrownBy(() -> series.drainAll(part -> {
            completed.add(part);
            if (part.partition.equals("p=a")) {
                throw new IllegalStateException("upload refused");
            }
        })).hasMessage("upload refused");
        assertThat(completed).hasSize(2);
        // nothing is left counted as on its way: a later flush returns at once
        series.drainAll(completed::add);
    }

    @Test
    void theAgerHandsOnObjectsPastTheirAgeUntilClosed() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 4, false);
        ObjectSeries.Ager ager = series.completeAged(Duration.ofMillis(40), completed::add, "test-ager");
        try {
            series.add("b", "", record(0, RUN_1), completed::add);
            // the ager checks every 10 ms; on the series' clock the object stays young, however long that takes
            long checked = ager.checks();
            await().atMost(Duration.ofSeconds(10)).until(() -> ager.checks() >= checked + 3);
            assertThat(completed).as("younger than its age after three checks").isEmpty();

            now.addAndGet(Duration.ofMillis(40).toNanos());
            await().atMost(Duration.ofSeconds(10)).until(() -> !completed.isEmpty());
            assertThat(completed).singleElement().satisfies(p -> {
                assertThat(p.seqs).containsExactly(0L);
                assertThat(p.cause()).isEqualTo(ObjectSeries.Cause.AGED);
            });
        } finally {
            ager.close();
        }
        // closed: its executor has terminated (no check runs any more), so nothing is handed on, however old
        assertThat(ager.isClosed()).isTrue();
        long checks = ager.checks();
        series.add("b", "", record(1, RUN_1), completed::add);
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(ager.checks()).isEqualTo(checks);
        series.drainAll(completed::add);
        assertThat(completed).hasSize(2).last().satisfies(p -> assertThat(p.cause())
                .isEqualTo(ObjectSeries.Cause.DRAINED));
    }

    @Test
    void anObjectThatBreaksWhileADrainTakesItOutIsReportedBrokenNotCompleted() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 4, false);
        series.add("b", "", record(0, RUN_1), completed::add);
        Part part = opened.get(0);
        part.entered = new CountDownLatch(1);
        part.breakNext = true;
        List<Throwable> adderFailure = new CopyOnWriteArrayList<>();
        Thread adder = new Thread(() -> {
            try {
                series.add("b", "", record(1, RUN_1), completed::add);
            } catch (Exception e) {
                adderFailure.add(e);
            }
        });
        adder.start();
        part.entered.await(); // the adder holds the object's lock, in the middle of adding
        Thread drainer = new Thread(() -> series.drainAll(completed::add));
        drainer.start();
        // the drain takes the object out of its series, then waits for the add under way
        await().atMost(Duration.ofSeconds(10)).until(() -> drainer.getState() == Thread.State.BLOCKED);
        part.release.countDown(); // the add breaks the object
        adder.join(10_000);
        drainer.join(10_000);
        assertThat(brokenParts).containsExactly(part);
        assertThat(completed).as("a broken object is never completed").isEmpty();
        assertThat(adderFailure).singleElement().isInstanceOf(ObjectSeries.BrokenPartException.class);
    }

    @Test
    void pastMaxOpenBytesTheLargestOpenObjectOfTheSeriesIsComplete() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 10, 45, false); // each record counts 10 bytes
        series.add("b", "p=a", record(0, RUN_1), completed::add);
        series.add("b", "p=b", record(1, RUN_1), completed::add);
        series.add("b", "p=b", record(2, RUN_1), completed::add);
        series.add("b", "p=c", record(3, RUN_1), completed::add);
        assertThat(completed).as("40 bytes open").isEmpty();
        series.add("b", "p=a", record(4, RUN_1), completed::add); // 50 bytes: p=a and p=b hold 20 each
        assertThat(completed).singleElement().satisfies(p -> {
            assertThat(p.seqs).hasSize(2);
            assertThat(p.cause()).isEqualTo(ObjectSeries.Cause.OPEN_BYTES);
        });
        series.add("b", "p=c", record(5, RUN_1), completed::add); // 40 bytes open again
        assertThat(completed).hasSize(1);
    }

    @Test
    void withoutLanesThreadsShareOneObjectPerPartitionAndEveryRecordLandsOnce() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 100, false);
        int threads = 4;
        int partitions = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long base = t * 10_000L;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (long seq = base; seq < base + 2_000; seq++) {
                        series.add("b", "p=" + seq % partitions, record(seq, RUN_1), completed::add);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        series.drainAll(completed::add);
        assertThat(opened).hasSize(partitions);
        assertThat(completed).hasSize(partitions);
        List<Long> all = new ArrayList<>();
        completed.forEach(p -> all.addAll(p.seqs));
        assertThat(all).hasSize(threads * 2_000).doesNotHaveDuplicates();
        assertThat(completed).allSatisfy(p -> assertThat(p.seqs).allMatch(seq -> ("p=" + seq % partitions)
                .equals(p.partition)));
    }

    @Test
    void anErrorHandingOneObjectOnNeitherStopsTheOthersNorHangsALaterFlush() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 4, false);
        // two series (two resources) with two objects each
        for (String resource : List.of("b1", "b2")) {
            series.add(resource, "p=a", record(0, RUN_1), completed::add);
            series.add(resource, "p=b", record(1, RUN_1), completed::add);
        }
        assertThatThrownBy(() -> series.drainAll(part -> {
            completed.add(part);
            if (part.resource.equals("b1") && part.partition.equals("p=a")) {
                throw new OutOfMemoryError("simulated");
            }
        })).isInstanceOf(OutOfMemoryError.class);
        assertThat(completed).hasSize(4);
        Thread flusher = new Thread(() -> series.drainAll(completed::add));
        flusher.start();
        flusher.join(5_000);
        assertThat(flusher.isAlive()).as("nothing left counted as on its way").isFalse();
    }

    @Test
    void aBrokenObjectIsReportedEvenWhenHandingTheDisplacedOneOnFails() throws Exception {
        // one object open at most; the object for p=b breaks at its first record
        ObjectSeries<Part> series = new ObjectSeries<>(Long.MAX_VALUE, 1, Long.MAX_VALUE, false, now::get,
                (r, p, first, n) -> {
            Part part = new Part(r, p, first, n);
            part.breakNext = p.equals("p=b");
            return part;
        }, (part, cause) -> brokenParts.add(part));
        series.add("b", "p=a", record(0, RUN_1), completed::add);
        // a record for p=b displaces p=a, whose hand-off fails, and p=b breaks: both are dealt with
        assertThatThrownBy(() -> series.add("b", "p=b", record(1, RUN_1), part -> {
            completed.add(part);
            throw new IllegalStateException("upload refused");
        })).isInstanceOfSatisfying(ObjectSeries.BrokenPartException.class, e ->
                assertThat(e.getSuppressed()).singleElement().satisfies(suppressed ->
                        assertThat(suppressed).hasMessage("upload refused")));
        assertThat(completed).extracting(p -> p.partition).containsExactly("p=a");
        assertThat(brokenParts).extracting(p -> p.partition).containsExactly("p=b");
        series.drainAll(completed::add);
        assertThat(completed).hasSize(1);
    }

    @Test
    void afterCloseEveryAddIsRefusedAndNothingIsLeftOpen() throws Exception {
        ObjectSeries<Part> series = series(Long.MAX_VALUE, 4, false);
        series.add("b", "", record(0, RUN_1), completed::add);
        series.close(completed::add);
        assertThat(completed).hasSize(1);
        assertThatThrownBy(() -> series.add("b", "", record(1, RUN_1), completed::add))
                .isInstanceOf(IllegalStateException.class);
        series.drainAll(completed::add);
        assertThat(completed).hasSize(1);
        assertThat(opened).hasSize(1);
    }
}
