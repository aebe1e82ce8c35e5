package dev.dataemulator.connect.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fixed unit of work: shard {@code shard} of {@code domain}. Its Connect source partition is
 * {@code {"domain": domain, "shard": shard}}.
 *
 * @param domain the domain name
 * @param shard the shard, {@code 0 <= shard < shards}
 */
public record Unit(String domain, int shard) {
    /** Source partition key of the domain. */
    public static final String DOMAIN_KEY = "domain";
    /** Source partition key of the shard. */
    public static final String SHARD_KEY = "shard";

    public Unit {
        Objects.requireNonNull(domain, "domain");
        if (shard < 0) {
            throw new IllegalArgumentException("shard " + shard + " < 0");
        }
    }

    /** @return every unit of the domains, domain by domain, shard by shard */
    public static List<Unit> all(List<String> domains, int shards) {
        List<Unit> units = new ArrayList<>(domains.size() * shards);
        for (String domain : domains) {
            for (int shard = 0; shard < shards; shard++) {
                units.add(new Unit(domain, shard));
            }
        }
        return units;
    }

    /**
     * Deals the units over at most {@code maxTasks} tasks round-robin, so every task holds a share of every domain.
     *
     * @return one non-empty list per task, {@code min(maxTasks, units.size())} lists
     */
    public static List<List<Unit>> assign(List<Unit> units, int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks " + maxTasks + " < 1");
        }
        int tasks = Math.min(maxTasks, units.size());
        List<List<Unit>> groups = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < units.size(); i++) {
            groups.get(i % tasks).add(units.get(i));
        }
        return groups;
    }

    /** @return the units as text for a task configuration: {@code domain:shard} joined by commas */
    public static String encode(List<Unit> units) {
        StringBuilder text = new StringBuilder();
        for (Unit unit : units) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(unit.domain).append(':').append(unit.shard);
        }
        return text.toString();
    }

    /**
     * @return the units of {@link #encode(List)}'s text
     * @throws IllegalArgumentException when the text is malformed
     */
    public static List<Unit> decode(String text) {
        List<Unit> units = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return units;
        }
        for (String part : text.split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed unit '" + part + "'");
            }
            units.add(new Unit(part.substring(0, colon), Integer.parseInt(part.substring(colon + 1))));
        }
        return units;
    }

    /** @return the Connect source partition of this unit */
    public Map<String, Object> partition() {
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put(DOMAIN_KEY, domain);
        partition.put(SHARD_KEY, shard);
        return partition;
    }
}
