package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"transactions", "Orders_v2.eu-west-1", "...", "-"})
    void legalNamesHaveNoProblem(String topic) {
        assertThat(TopicNames.problem(topic)).isNull();
        TopicNames.validate("topic", topic);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "..|'.' and '..' are not legal",
        "bad topic|character ' ' at position 3",
        "topic\u0130|character '\u0130' at position 5",
        "''|must not be empty"})
    void illegalNamesFailNamingTheSettingAndTheReason(String topic, String reason) {
        assertThatThrownBy(() -> TopicNames.validate("resource", topic))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'resource' = '" + topic + "'")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(ints = {249, 250})
    void theLengthLimitIsKafkas(int length) {
        assertThat(TopicNames.problem("t".repeat(length)) == null).isEqualTo(length <= TopicNames.MAX_LENGTH);
    }

    @Test
    void theReasonsNameTheLimitAndTheEmptyCases() {
        assertThat(TopicNames.problem("a".repeat(250))).contains("at most 249 characters long (this one has 250)");
        assertThat(TopicNames.problem(".")).contains("not legal");
        assertThat(TopicNames.problem(null)).contains("must not be empty");
    }
}
