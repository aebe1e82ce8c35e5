package dev.dataemulator.declarative;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DomainProvider;
import java.util.List;

public class ScratchTiming {
    public static void main(String[] args) {
        List<DomainProvider> providers = DeclarativeDomains.load(Records.EXAMPLES.resolve(args[0]));
        DomainRegistry.Builder b = DomainRegistry.builder();
        providers.forEach(b::register);
        Fixtures.Stream stream = Fixtures.of(args[1]).registry(b.build()).seed(1).envelope(false).stream();
        System.out.println(stream.record(0).jsonString());
        for (int round = 0; round < 5; round++) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long bytes = 0;
            int n = 500_000;
            for (int i = 0; i < n; i++) {
                bytes += stream.record(round * (long) n + i).json().length;
            }
            double s = (System.nanoTime() - start) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("%.0f records/s wall, %.0f records per CPU second (%d bytes)%n", n / s, n / cpu, bytes);
        }
    }
}
