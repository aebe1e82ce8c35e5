package dev.dataemulator.factories.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void makesVersion4Uuids() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 10_000; i++) {
            long high = random.nextLong();
            long low = random.nextLong();
            String text = Text.uuid(high, low);
            UUID uuid = UUID.fromString(text);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(text);
            assertThat(uuid.getMostSignificantBits() & ~0xf000L).isEqualTo(high & ~0xf000L);
        }
    }

    @Test
    void formatsIpv4Addresses() {
        assertThat(Text.ipv4(1, 0, 10, 255)).isEqualTo("1.0.10.255");
        assertThat(Text.ipv4(223, 99, 100, 9)).isEqualTo("223.99.100.9");
    }

    @Test
    void reducesNamesToAsciiEmailTokensWhateverTheDefaultLocale() {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(Text.emailToken("IRIS O'Connell")).isEqualTo("irisoconnell");
            assertThat(Text.emailToken("Jürgen Spitzmüller")).isEqualTo("jurgenspitzmuller");
        } finally {
            Locale.setDefault(previous);
        }
    }
}
