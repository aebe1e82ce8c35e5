package dev.dataemulator.kafka;

import dev.dataemulator.core.EmulationRunner;

/** The child JVM of {@link KafkaExactlyOnceIT}: runs (or resumes) the emulation until it ends or is killed. */
public final class CrashingKafkaWriter {
    private CrashingKafkaWriter() {
    }

    /** @param args the bootstrap servers */
    public static void main(String[] args) {
        EmulationRunner.run(KafkaExactlyOnceIT.spec(args[0], true).build());
    }
}
