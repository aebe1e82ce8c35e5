package dev.dataemulator.core.support;

import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectStore;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable progress of the resumable emulations ({@code resume=true}) of one object sink, kept in small objects
 * of its own store: {@code <prefix>/_resume/<emulation-id>/settings} (the emulation's settings, written when it first
 * starts) and {@code .../lane-003} per worker lane ({@code objects} stored from the lane's first, and the lane's
 * {@code next_position} after them). A lane's objects are numbered from 0 and each holds the lane's next records,
 * so a lane's progress only moves over a gapless run of stored objects: an object stored while an earlier one is
 * still on its way waits, and a crash at any moment leaves a checkpoint that names only stored objects. A resumed run
 * continues each lane after its last checkpointed object and rewrites any object stored after it under the same
 * name with the same bytes. Thread-safe.
 */
final class LaneCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(LaneCheckpoints.class);
    private static final String SETTINGS = "settings";
    private static final String OBJECTS = "objects";
    private static final String NEXT_POSITION = "next_position";

    private final String sink;
    private final ObjectStore store;
    private final ObjectKeys keys;
    private final Map<Emulation, Lane[]> emulations = new ConcurrentHashMap<>();

    LaneCheckpoints(String sink, ObjectStore store, ObjectKeys keys) {
        this.sink = sink;
        this.store = store;
        this.keys = keys;
    }

    /** A resumable emulation in one container. */
    private record Emulation(String container, String emulationId) {
    }

    /** One lane's progress; its monitor orders the lane's checkpoint writes. */
    private static final class Lane {
        /** Objects stored from the lane's first, without a gap; the next object's index. */
        long objects;
        /** The index of the lane's first object in this run. */
        long first;
        /** The lane's next position after those objects. */
        long nextPosition;
        /** Objects stored after a gap: index to the lane's next position after each. */
        final TreeMap<Long, Long> ahead = new TreeMap<>();
    }

    /**
     * Reads (or, the first time, writes) the emulation's stored settings and each lane's progress, and from now on
     * keeps the lanes' progress of its objects.
     *
     * @return the stored settings and each lane's next position
     * @throws SinkException when the store cannot be read or written
     */
    ResumePoint resume(ResumeRequest request) {
        Emulation emulation = new Emulation(request.resource(), request.emulationId());
        String settingsKey = keys.checkpoint(request.emulationId(), SETTINGS);
        Optional<byte[]> stored = read(request.resource(), settingsKey);
        Lane[] lanes = new Lane[request.lanes()];
        for (int lane = 0; lane < lanes.length; lane++) {
            lanes[lane] = new Lane();
            lanes[lane].nextPosition = Lanes.first(lane);
        }
        if (stored.isEmpty()) {
            write(request.resource(), settingsKey, Checkpoints.settingsText(request.settings()));
            emulations.put(emulation, lanes);
            return ResumePoint.fresh(request);
        }
        Map<String, String> settings = Checkpoints.parseSettings(new String(stored.get(), StandardCharsets.UTF_8));
        Map<Integer, Long> next = new HashMap<>();
        for (int lane = 0; lane < lanes.length; lane++) {
            String key = laneKey(request.emulationId(), lane);
            Optional<byte[]> progress = read(request.resource(), key);
            if (progress.isEmpty()) {
                continue;
            }
            Map<String, String> values = Checkpoints.parseSettings(new String(progress.get(),
                    StandardCharsets.UTF_8));
            try {
                lanes[lane].objects = Long.parseLong(values.get(OBJECTS));
                lanes[lane].nextPosition = Long.parseLong(values.get(NEXT_POSITION));
            } catch (NumberFormatException | NullPointerException e) {
                throw new SinkException("The " + sink + " sink's checkpoint " + store.objectName(request.resource(),
                        key) + " is damaged (expected '" + OBJECTS + "' and '" + NEXT_POSITION + "' lines): "
                        + values);
            }
            lanes[lane].first = lanes[lane].objects;
            next.put(lane, lanes[lane].nextPosition);
        }
        emulations.put(emulation, lanes);
        return new ResumePoint(settings, next);
    }

    /**
     * @return the index of the lane's first object in this run: the objects its checkpoint names are stored; -1 when
     *     the object is not one of a resumable emulation's
     */
    long firstPart(String container, String emulationId, int lane) {
        Lane[] lanes = emulations.get(new Emulation(container, emulationId));
        if (lanes == null || lane < 0 || lane >= lanes.length) {
            return -1;
        }
        synchronized (lanes[lane]) {
            return lanes[lane].first;
        }
    }

    /** @return whether the container holds a resumable emulation of that id */
    boolean resumable(String container, String emulationId) {
        return !emulations.isEmpty() && emulations.containsKey(new Emulation(container, emulationId));
    }

    /**
     * Notes that a lane's object is stored and, when that extends the lane's gapless run of stored objects, writes the
     * lane's checkpoint. A checkpoint that cannot be written is logged: the lane's progress then lags, and a resume
     * rewrites the same objects.
     */
    void stored(Batch batch) {
        Lane[] lanes = emulations.get(new Emulation(batch.container, batch.emulationId()));
        if (lanes == null || batch.lane < 0 || batch.lane >= lanes.length) {
            return;
        }
        Lane lane = lanes[batch.lane];
        synchronized (lane) {
            lane.ahead.put(batch.part, Lanes.next(lanes.length, batch.lastPosition()));
            boolean moved = false;
            Long next;
            while ((next = lane.ahead.remove(lane.objects)) != null) {
                lane.objects++;
                lane.nextPosition = next;
                moved = true;
            }
            if (!moved) {
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put(OBJECTS, Long.toString(lane.objects));
            values.put(NEXT_POSITION, Long.toString(lane.nextPosition));
            String key = laneKey(batch.emulationId(), batch.lane);
            try {
                write(batch.container, key, Checkpoints.settingsText(values));
            } catch (SinkException e) {
                LOG.warn("{}: the checkpoint of lane {} lags behind its stored objects: {}", sink, batch.lane,
                        e.getMessage());
            }
        }
    }

    private String laneKey(String emulationId, int lane) {
        return keys.checkpoint(emulationId, String.format(Locale.ROOT, "lane-%03d", lane));
    }

    private Optional<byte[]> read(String container, String key) {
        try {
            return store.read(container, key);
        } catch (Exception e) {
            throw new SinkException("Reading the " + sink + " sink's checkpoint " + store.objectName(container, key)
                    + " failed: " + store.describe(e), e);
        }
    }

    /** Writes a checkpoint as the store writes any object: staged where it stages, else from memory. */
    private void write(String container, String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            Path staged = store.stagingFile(container, key);
            if (staged != null) {
                Files.write(staged, bytes);
            }
            store.put(container, key, new Small(bytes, staged));
        } catch (Exception e) {
            throw new SinkException("Writing the " + sink + " sink's checkpoint " + store.objectName(container, key)
                    + " failed: " + store.describe(e), e);
        }
    }

    /** A checkpoint's bytes as an object. */
    private record Small(byte[] bytes, Path staged) implements ObjectStore.Content {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public String contentType() {
            return "text/plain";
        }

        @Override
        public InputStream open() throws IOException {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public Optional<Path> stagedFile() {
            return Optional.ofNullable(staged);
        }

        @Override
        public boolean inMemory() {
            return true;
        }
    }
}
