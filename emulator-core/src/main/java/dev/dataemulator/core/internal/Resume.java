package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.support.Lanes;
import dev.dataemulator.core.support.Seeding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's side of a resumable emulation ({@code resume=true}): the settings a sink stores when it first starts,
 * the check that a resume has the same ones, and each lane's start position from the sink's durable progress. See
 * docs/ARCHITECTURE.md, Resume.
 */
final class Resume {
    private static final Logger LOG = LoggerFactory.getLogger(Resume.class);
    /**
     * Settings that may differ between a run and its resume, since they change neither which records are made nor
     * in which lane: how long this run lasts, how it reports, what it does on a rejected record.
     */
    static final Set<String> MAY_CHANGE = Set.of("duration", "resume", "progress_interval", "close_timeout",
            "error_policy");
    private static final String SINK_CONFIG = "sink_config.";

    private Resume() {
    }

    /** @return the seed of a resumable emulation given none: derived from its id, so that one command resumes it */
    static long seedOf(String id) {
        return Seeding.derive(0L, "resume:" + id);
    }

    /**
     * Refuses a resumable emulation whose sink keeps no durable progress, before anything runs.
     *
     * @throws InvalidSettingException naming {@code resume} and the sink
     */
    static void checkSink(EmulationSpec spec, SyncProducer sink) {
        if (spec.resume() && !sink.resumable()) {
            String name = spec.sinkName().map(n -> "'" + n + "'").orElse(sink.getClass().getName());
            throw new InvalidSettingException("resume", "true", "the sink " + name + " keeps no durable progress, so "
                    + "its emulations cannot be resumed; use a sink that can (see docs/ARCHITECTURE.md, Resume)");
        }
    }

    /**
     * @param spec the emulation's settings
     * @param seed its seed (the spec's, or the one derived from its id)
     * @param sink its sink
     * @return the settings a resume must share with the first run, by name: the spec's text form with the seed in
     *     use, but those that {@linkplain #MAY_CHANGE may change} and the sink's configuration (connection settings,
     *     secrets), plus the sink's {@link SyncProducer#resumeSettings()}
     */
    static Map<String, String> settings(EmulationSpec spec, long seed, SyncProducer sink) {
        Map<String, String> settings = new LinkedHashMap<>();
        spec.toSettings().forEach((name, value) -> {
            if (!MAY_CHANGE.contains(name) && !name.startsWith(SINK_CONFIG)) {
                settings.put(name, value);
            }
        });
        settings.put("seed", String.valueOf(seed));
        sink.resumeSettings().forEach((key, value) -> settings.put(SINK_CONFIG + key, value));
        return settings;
    }

    /**
     * @param stored the settings the emulation first started with
     * @param now this run's
     * @param id the emulation's id
     * @return one violation per setting that differs, naming it, this run's value and the stored one
     */
    static List<Violation> differences(Map<String, String> stored, Map<String, String> now, String id) {
        Set<String> names = new LinkedHashSet<>(stored.keySet());
        names.addAll(now.keySet());
        List<Violation> violations = new ArrayList<>();
        for (String name : names) {
            String was = stored.get(name);
            String is = now.get(name);
            if (!Objects.equals(was, is)) {
                violations.add(new Violation(name, is, was == null
                        ? "was not set when emulation '" + id + "' first started; a resume needs its settings"
                        : "differs from '" + was + "', the value emulation '" + id + "' first started with; a "
                                + "resume needs its settings"));
            }
        }
        return violations;
    }

    /**
     * Asks the sink what it holds of emulation {@code id}, refuses a resume whose settings differ and sets each
     * lane's start position from the sink's durable progress.
     *
     * @param limit the positions the emulation makes are those below it
     * @param startPositions each lane's start position, set here
     * @throws InvalidSettingException when the settings differ from those the emulation first started with
     * @throws SinkException when the sink's progress is not a position of its lane
     */
    static void startPositions(EmulationSpec spec, String id, long seed, String resource, SyncProducer sink,
            long limit, long[] startPositions) {
        int lanes = startPositions.length;
        ResumeRequest request = new ResumeRequest(resource, id, lanes, settings(spec, seed, sink));
        ResumePoint point = sink.resume(request);
        List<Violation> differences = differences(point.settings(), request.settings(), id);
        if (!differences.isEmpty()) {
            throw new InvalidSettingException(differences);
        }
        long durable = 0;
        for (Map.Entry<Integer, Long> entry : point.nextPositions().entrySet()) {
            int lane = entry.getKey();
            long position = entry.getValue();
            if (lane < 0 || lane >= lanes || position < 0
                    || (position < Long.MAX_VALUE && Lanes.lane(lanes, position) != lane)) {
                throw new SinkException("The progress of emulation '" + id + "' in '" + resource + "' says lane "
                        + lane + " continues at position " + position + ", which is not one of the lane's " + lanes
                        + " lane(s); the sink's checkpoint is damaged");
            }
            startPositions[lane] = position;
            durable += Lanes.count(lanes, lane, Math.min(position, limit));
        }
        if (durable == 0) {
            LOG.info("Emulation '{}' starts afresh: '{}' holds no progress of it", id, resource);
        } else {
            LOG.info("Emulation '{}' resumes: {} record position(s) already in '{}'; lanes continue at {}", id,
                    durable, resource, point.nextPositions());
        }
    }
}
