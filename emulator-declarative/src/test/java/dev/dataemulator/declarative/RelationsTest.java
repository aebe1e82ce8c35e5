package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.declarative.internal.DeclarativeProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words that relate records and fields: per_parent, child_index, after, hours, weekdays, cases, locale. */
class RelationsTest {
    private static final long SEED = 5;

    private static final String SHOP = """
            version: 1
            domains:
              orders:
                count: 1000
                key: order_id
                fields:
                  order_id: {unique: {min: 1, max: 999999}}
              lines:
                key: line_id
                fields:
                  line_id: {unique: {min: 1}}
                  order_id: {ref: {domain: orders, field: order_id, per_parent: {min: 1, max: 7}}}
                  line_no: {child_index: {}}
              boxes:
                fields:
                  order_id: {ref: {domain: orders, field: order_id, per_parent: 2}}
                  box_no: {child_index: {}}
            """;

    @Test
    void everyParentGetsItsChildrenInTurnNumberedFromOne() {
        List<DomainProvider> domains = DeclarativeDomains.parse(SHOP);
        DomainProvider lines = Records.provider(domains, "lines");
        assertThat(((DeclarativeProvider) lines).count()).isEqualTo(-1); // follows from the seed
        long capacity = Records.open(lines, SEED).capacity();
        List<Map<String, Object>> records = Records.maps(lines, SEED, Integer.MAX_VALUE);
        assertThat(records).hasSize((int) capacity);
        List<Map<String, Object>> orders = Records.maps(Records.provider(domains, "orders"), SEED, 2000);
        assertThat(orders).hasSize(1000);
        // walk the lines: each order's lines are adjacent, in parent order, numbered 1..k with k in 1..7
        Map<Object, Integer> children = new HashMap<>();
        int parent = -1;
        Object previous = null;
        for (Map<String, Object> line : records) {
            long lineNo = (Long) line.get("line_no");
            if (lineNo == 1) {
                parent++;
                assertThat(line.get("order_id")).isEqualTo(orders.get(parent).get("order_id"));
            } else {
                assertThat(line.get("order_id")).isEqualTo(previous);
            }
            children.merge(line.get("order_id"), 1, Integer::sum);
            assertThat(lineNo).isEqualTo(children.get(line.get("order_id")).longValue());
            previous = line.get("order_id");
        }
        assertThat(parent).isEqualTo(999);
        assertThat(children).hasSize(1000);
        assertThat(children.values()).allSatisfy(k -> assertThat(k).isBetween(1, 7));
        assertThat(children.values().stream().distinct().count()).isEqualTo(7);
        assertThat(records.stream().map(r -> r.get("line_id")).distinct().count()).isEqualTo(records.size());
        // another seed lays out other numbers of children; the same seed the same
        assertThat(Records.maps(lines, SEED, Integer.MAX_VALUE)).isEqualTo(records);
        assertThat(Records.open(lines, SEED + 1).capacity()).isNotEqualTo(capacity);

        DomainProvider boxes = Records.provider(domains, "boxes");
        assertThat(((DeclarativeProvider) boxes).count()).isEqualTo(2000);
        List<Map<String, Object>> box = Records.maps(boxes, SEED, 3000);
        assertThat(box).hasSize(2000);
        for (int i = 0; i < box.size(); i++) {
            assertThat(box.get(i).get("order_id")).isEqualTo(orders.get(i / 2).get("order_id"));
            assertThat(box.get(i).get("box_no")).isEqualTo((long) (i % 2 + 1));
        }
    }
}
