package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text form of a resumable emulation's settings. */
class CheckpointsTest {
    @Test
    void settingsTextRoundTripsValuesWithLineBreaksBackslashesAndEqualSigns() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("domain", "transaction");
        settings.put("faults.null.fields", "a=b,c");
        settings.put("odd=name", "line\nbreak\r\\n and \\");
        settings.put("empty", "");

        String text = Checkpoints.settingsText(settings);

        assertThat(text).startsWith("domain=transaction\nfaults.null.fields=a=b,c\nodd\\ename=");
        assertThat(Checkpoints.parseSettings(text)).containsExactlyEntriesOf(settings);
    }
}
