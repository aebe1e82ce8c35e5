package dev.dataemulator.core.support;

import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for objects completed long before they are worth it: closed because too many partitions were open, because
 * the open objects held too many bytes, or because they aged, while far below {@code max_chunk_size}. Once
 * {@link #EARLY_OBJECTS} such objects averaged less than a sixteenth of the chunk size, it logs one warning naming
 * the setting to change. Thread-safe.
 */
final class SmallObjects {
    /** Early objects seen before a warning: a run with a handful of them is no problem. */
    static final int EARLY_OBJECTS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ObjectSink.class);

    private final String sink;
    private final ObjectSinkSettings settings;
    private final Map<ObjectSeries.Cause, Long> early = new EnumMap<>(ObjectSeries.Cause.class);
    private long count;
    private long bytes;
    private boolean warned;

    SmallObjects(String sink, ObjectSinkSettings settings) {
        this.sink = sink;
        this.settings = settings;
    }

    /**
     * Notes an object completed by its series.
     *
     * @return the warning when this object made it due (it is logged), else {@code null}
     */
    String note(ObjectSeries.Part part) {
        ObjectSeries.Cause cause = part.cause();
        if (cause != ObjectSeries.Cause.OPEN_PARTITIONS && cause != ObjectSeries.Cause.OPEN_BYTES
                && cause != ObjectSeries.Cause.AGED) {
            return null;
        }
        String warning;
        synchronized (this) {
            if (warned) {
                return null;
            }
            early.merge(cause, 1L, Long::sum);
            count++;
            bytes += part.encodedBytes();
            if (count < EARLY_OBJECTS || bytes / count >= settings.maxChunkSize() / 16) {
                return null;
            }
            warned = true;
            warning = warning();
        }
        LOG.warn(warning);
        return warning;
    }

    private String warning() {
        ObjectSeries.Cause most = early.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String why = switch (most) {
            case OPEN_PARTITIONS -> "more partitions were open at once than " + ObjectSinkSettings.MAX_OPEN_PARTITIONS
                    + " (" + settings.maxOpenPartitions() + "); raise " + ObjectSinkSettings.MAX_OPEN_PARTITIONS
                    + " above the number of partitions a run writes, or partition more coarsely";
            case OPEN_BYTES -> "the open objects held more than " + ObjectSinkSettings.MAX_OPEN_BYTES + " ("
                    + settings.maxOpenBytes() + " bytes); raise " + ObjectSinkSettings.MAX_OPEN_BYTES
                    + " or partition more coarsely";
            default -> "they reached " + ObjectSinkSettings.CHUNK_MAX_AGE + " (" + settings.chunkMaxAge()
                    + "); raise " + ObjectSinkSettings.CHUNK_MAX_AGE + " or lower " + ObjectSinkSettings.MAX_CHUNK_SIZE_KEY;
        };
        return "The " + sink + " sink has closed " + count + " objects early, averaging " + bytes / count
                + " bytes of records, far below " + ObjectSinkSettings.MAX_CHUNK_SIZE_KEY + " (" + settings.maxChunkSize()
                + " bytes): " + early.get(most) + " of them because " + why
                + ". This warning is given once per sink.";
    }
}
