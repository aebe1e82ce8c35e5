package dev.dataemulator.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A sink's answer to {@link SyncProducer#resume(ResumeRequest)}: the settings it stored when the emulation first
 * started, and how far each lane's records are durable.
 *
 * @param settings the settings stored when the emulation first started (the request's own when it starts now); the
 *     runner refuses to resume when they differ from the request's, naming each difference
 * @param nextPositions per lane, its next position: every record of the lane before it is durable, none at or after
 *     it is (or, for an at-least-once sink, may be again); a lane left out starts at its first position. Each value
 *     is a position of its lane ({@link dev.dataemulator.core.support.Lanes}), as {@code Lanes.next} of the lane's
 *     last durable record's {@link dev.dataemulator.core.EmulatedRecord#position() position}
 */
public record ResumePoint(Map<String, String> settings, Map<Integer, Long> nextPositions) {
    public ResumePoint {
        settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
        nextPositions = Map.copyOf(Objects.requireNonNull(nextPositions, "nextPositions"));
    }

    /**
     * @param request the request of an emulation the sink holds nothing of
     * @return a fresh start: the request's settings, every lane at its first position
     */
    public static ResumePoint fresh(ResumeRequest request) {
        return new ResumePoint(request.settings(), Map.of());
    }
}
