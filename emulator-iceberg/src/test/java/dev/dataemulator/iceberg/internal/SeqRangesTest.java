package dev.dataemulator.iceberg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeqRangesTest {

    @Test
    void seqsAddedInAnyOrderMakeTheSameDisjointRanges() {
        List<Long> seqs = new ArrayList<>();
        for (long s = 0; s <= 99; s++) {
            seqs.add(s);
        }
        seqs.add(102L);
        for (long s = 200; s <= 205; s++) {
            seqs.add(s);
        }
        Collections.shuffle(seqs, new Random(3));
        SeqRanges ranges = new SeqRanges();
        seqs.forEach(ranges::add);
        ranges.add(50);

        assertThat(ranges).hasToString("0-99,102,200-205");
        assertThat(ranges.count()).isEqualTo(107);
        assertThat(ranges.max()).isEqualTo(205);
        assertThat(ranges.contains(101)).isFalse();
        assertThat(ranges.contains(102)).isTrue();
        assertThat(ranges.contains(206)).isFalse();
    }

    @Test
    void rangesReadBackFromTheirTextAndMergeWhenAdjacent() {
        SeqRanges parsed = SeqRanges.parse("0-9,11,20-29");
        assertThat(parsed).hasToString("0-9,11,20-29");
        parsed.addAll(SeqRanges.parse("10,12-19"));
        assertThat(parsed).hasToString("0-29");
        assertThat(SeqRanges.parse("").isEmpty()).isTrue();
        assertThat(SeqRanges.parse(null).max()).isEqualTo(-1);
    }
}
