package dev.dataemulator.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void acceptsLettersDigitsDotsUnderscoresAndDashesUpTo249Characters() {
        TopicNames.validate("transactions");
        TopicNames.validate("Orders_v2.eu-west-1");
        TopicNames.validate("a".repeat(249));
        assertThat(TopicNames.problem("...")).isNull();
    }

    @Test
    void rejectsIllegalNamesWithTheReason() {
        assertThatThrownBy(() -> TopicNames.validate(".."))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'topic' = '..': '.' and '..' are not legal");
        assertThat(TopicNames.problem(".")).contains("not legal");
        assertThat(TopicNames.problem("")).contains("must not be empty");
        assertThat(TopicNames.problem(null)).contains("must not be empty");
        assertThat(TopicNames.problem("a".repeat(250))).contains("at most 249 characters long (this one has 250)");
        assertThat(TopicNames.problem("bad topic")).contains("character ' ' at position 3");
        assertThat(TopicNames.problem("topic\u0130")).contains("character 'İ' at position 5");
    }
}
