package dev.dataemulator.minio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.spi.ObjectKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @Test
    void objectKeysCarryPrefixDomainEmulationAndANumber() {
        ObjectKeys names = new ObjectKeys("/exports/", "jsonl", false);
        assertThat(names.part("transaction", "", "run-1", 42)).isEqualTo("exports/transaction/run-1/part-000042.jsonl");
        assertThat(names.record("transaction", "", "run-1", 1234))
                .isEqualTo("exports/transaction/run-1/record-000000001234.jsonl");
    }

    @Test
    void gzipAddsASuffixAndNoPrefixMeansTheDomainComesFirst() {
        ObjectKeys names = new ObjectKeys("", "csv", true);
        assertThat(names.part("device-log", "", "e", 0)).isEqualTo("device-log/e/part-000000.csv.gz");
        assertThat(new ObjectKeys(null, "json", false).part("d", "", "e", 1)).isEqualTo("d/e/part-000001.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"transactions", "user-profiles", "a.b-c", "abc", "0aa", "a23456789012345678901234567890"
            + "123456789012345678901234567890123"})
    void legalBucketNames(String name) {
        assertThat(BucketNames.problem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Transactions", "under_score", "-dash", "dot.", "a..b", "a.-b", "10.0.0.1",
        "xn--abc", "with space", "a234567890123456789012345678901234567890123456789012345678901234"})
    void illegalBucketNames(String name) {
        assertThat(BucketNames.problem(name)).isNotNull();
    }

    @Test
    void emptyAndNullBucketNamesAreIllegal() {
        assertThat(BucketNames.problem("")).contains("required");
        assertThat(BucketNames.problem(null)).contains("required");
    }
}
