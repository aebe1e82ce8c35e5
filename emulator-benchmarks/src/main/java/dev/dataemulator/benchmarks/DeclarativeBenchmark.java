package dev.dataemulator.benchmarks;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.support.Seeding;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Declarative domains against the hand-written one, on one thread, in one JMH run:
 * <ul>
 *   <li>{@code orders}: the issue's {@code ecommerce.yaml} as shipped in emulator-examples (references with
 *       {@code same_as}, a list of 1..5 objects with a regex and a lognormal decimal, an exact {@code sum});</li>
 *   <li>{@code device-log-declarative}: {@code device-log.yaml}, the bundled domain re-expressed (references through
 *       devices to users, Datafaker pools);</li>
 *   <li>{@code device-log}: the hand-written bundled domain, the reference.</li>
 * </ul>
 * The registry also holds {@code visits-ref} and {@code visits-per-parent} of {@code benchmark-domains/relations.yaml}
 * (children picking their parent against children laid out per parent, same fields), measured by
 * {@link DeclarativeRounds} with {@code --domains visits-ref,visits-per-parent}.
 * {@code generateJson} is generate + the JSON envelope through {@link Fixtures.Stream#record(long)} and
 * {@code json()}, the path every emulation's workers take for a JSON sink; {@code generate} is the factory alone.
 * Run: {@code java -jar emulator-benchmarks/target/benchmarks.jar Declarative} (see docs/PERFORMANCE.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DeclarativeBenchmark {

    /** The domain under test. */
    @Param({"orders", "device-log-declarative", "device-log"})
    public String domain;

    private Fixtures.Stream stream;
    private RecordFactory factory;
    private long domainSeed;
    private long capacity;
    private long seq;

    /** Loads the example definitions next to the discovered (bundled) domains and opens the domain once. */
    @Setup
    public void setUp() {
        long seed = 42;
        DomainRegistry registry = registry();
        stream = Fixtures.of(domain).registry(registry).seed(seed).emulationId("benchmark").stream();
        capacity = stream.capacity();
        DomainGenerator generator = registry.provider(domain).open(new DomainContext(seed, Clock.systemUTC(), Map.of()));
        factory = generator.newFactory();
        domainSeed = Seeding.derive(seed, domain);
    }

    /** @return the discovered (bundled) domains and those of the example definitions, as shipped */
    public static DomainRegistry registry() {
        DomainRegistry.Builder builder = DomainRegistry.builder().discover();
        DeclarativeDomains.parse("ecommerce.yaml", resource("domains/ecommerce.yaml")).forEach(builder::register);
        DeclarativeDomains.parse("device-log.yaml", resource("domains/device-log.yaml")).forEach(builder::register);
        DeclarativeDomains.parse("relations.yaml", resource("benchmark-domains/relations.yaml"))
                .forEach(builder::register);
        return builder.build();
    }

    private static String resource(String name) {
        try (InputStream in = DeclarativeBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
}
