package dev.dataemulator.factories.internal;

import dev.dataemulator.core.support.Seeding;
import java.util.Random;

/** Fakers for pools: each pool gets its own seed-derived key, so adding one never shifts another. */
public final class Mix {
    private Mix() {
    }

    /** @return a {@link Random} for seeding a Faker that builds one pool */
    public static Random random(long seed, String purpose) {
        return new Random(Seeding.derive(seed, purpose));
    }
}
