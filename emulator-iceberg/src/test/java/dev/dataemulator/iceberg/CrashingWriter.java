package dev.dataemulator.iceberg;

import dev.dataemulator.core.EmulationRunner;
import java.util.Map;

/** The child JVM of {@link IcebergCrashResumeTest}: writes emulation "crash" until it is killed. */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    /** @param args the warehouse directory */
    public static void main(String[] args) {
        EmulationRunner.run(IcebergCrashResumeTest.spec(args[0], Map.of()).ratePerSecond(2_000).build());
    }
}
