package dev.dataemulator.minio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.support.ObjectKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** Each illegal name is refused for the rule it breaks, with the message that names that rule. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ab | must be 3 to 63 characters long, was 2",
        "a234567890123456789012345678901234567890123456789012345678901234 | must be 3 to 63 characters long, was 64",
        "Transactions | may contain only lowercase letters, digits, '.' and '-'",
        "under_score | may contain only lowercase letters, digits, '.' and '-'",
        "with space | may contain only lowercase letters, digits, '.' and '-'",
        "-dash | must start and end with a letter or digit",
        "dot. | must start and end with a letter or digit",
        "a..b | must not contain '..', '.-' or '-.'",
        "a.-b | must not contain '..', '.-' or '-.'",
        "a-.b | must not contain '..', '.-' or '-.'",
        "10.0.0.1 | must not look like an IP address",
        "xn--abc | must not start with 'xn--'",
        "data-s3alias | end with '-s3alias' or '--ol-s3' (reserved)",
        "data--ol-s3 | end with '-s3alias' or '--ol-s3' (reserved)"})
    void illegalBucketNames(String name, String rule) {
        assertThat(BucketNames.problem(name)).contains(rule);
    }

    @Test
    void emptyAndNullBucketNamesAreIllegal() {
        assertThat(BucketNames.problem("")).contains("required");
        assertThat(BucketNames.problem(null)).contains("required");
    }
}
