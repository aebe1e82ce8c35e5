package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.NaiveGenerators;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.support.Seeding;
import dev.dataemulator.core.BatchEncoder;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordFormat;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records per second of each domain on one thread (and two for JSON), in one JMH run:
 * <ul>
 *   <li>{@code generate}: the domain's factory alone ({@code RecordFactory.create} with the per-record random
 *       source the runner gives it);</li>
 *   <li>{@code generateJson}: generate + the JSON envelope, the path every emulation takes
 *       ({@link Fixtures.Stream#record(long)}, the same {@code RecordMaker} the workers use, then
 *       {@link EmulatedRecord#json()} as a JSON sink asks for it);</li>
 *   <li>{@code generateJsonTwoThreads}: the same on two threads (JMH adds their rates);</li>
 *   <li>{@code generateCsv}: generate + a CSV row through {@link BatchEncoder} (one encoder, one header, as in a
 *       chunk), without the JSON;</li>
 *   <li>{@code naiveJson}: the baseline, Datafaker calls per field and Jackson on a {@code Map}
 *       ({@link NaiveGenerators}).</li>
 * </ul>
 * Run: {@code java -jar emulator-benchmarks/target/benchmarks.jar Generation} (see docs/PERFORMANCE.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GenerationBenchmark {
    private static final DeliveryTracker NO_TRACKING = DeliveryTracker.none();
    private static final byte[] NO_JSON = new byte[0];

    /** The domain under test. */
    @Param({"transaction", "user-profile", "device-log"})
    public String domain;

    private Fixtures.Stream stream;
    private RecordFactory factory;
    private long domainSeed;
    private long capacity;
    private long seq;
    private BatchEncoder csv;
    private Supplier<byte[]> naive;

    /** Opens the domain once per thread and trial, as an emulation does per run. */
    @Setup
    public void setUp() {
        long seed = 42;
        stream = Fixtures.of(domain).seed(seed).emulationId("benchmark").stream();
        capacity = stream.capacity();
        DomainGenerator generator = DomainRegistry.discover().provider(domain)
                .open(new DomainContext(seed, Clock.systemUTC(), Map.of()));
        factory = generator.newFactory();
        domainSeed = Seeding.derive(seed, domain);
        csv = new BatchEncoder(RecordFormat.CSV, OutputStream.nullOutputStream());
        naive = new NaiveGenerators().jsonMaker(domain);
    }

    /** User profiles are a finite domain (one per user id): cycle through it. */
    private long nextSeq() {
        long s = seq++;
        return capacity == Long.MAX_VALUE ? s : s % capacity;
    }

    /** @return one record's data, without encoding */
    @Benchmark
    public RecordData generate() {
        long s = nextSeq();
        return factory.create(s, Seeding.forRecord(domainSeed, s));
    }

    /** @return one record with its JSON envelope, as the runner's workers make it */
    @Benchmark
    public byte[] generateJson() {
        return stream.record(nextSeq()).json();
    }

    /** @return one record with its JSON envelope; two threads */
    @Benchmark
    @Threads(2)
    public byte[] generateJsonTwoThreads() {
        return stream.record(nextSeq()).json();
    }

    /** @return the CSV bytes written for one record (header once, then one row per record) */
    @Benchmark
    public long generateCsv() {
        long s = nextSeq();
        RecordData data = factory.create(s, Seeding.forRecord(domainSeed, s));
        return csv.add(Fixtures.record(data).emulationId("benchmark").domain(domain).seq(s).timestamp(s).envelope(true)
                .json(NO_JSON).tracker(NO_TRACKING).build());
    }

    /** @return one naive record's JSON envelope */
    @Benchmark
    public byte[] naiveJson() {
        return naive.get();
    }
}
