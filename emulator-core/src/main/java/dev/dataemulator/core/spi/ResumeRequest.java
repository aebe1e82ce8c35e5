package dev.dataemulator.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * What the runner asks a sink when a resumable emulation ({@code resume=true}) starts: see
 * {@link SyncProducer#resume(ResumeRequest)}.
 *
 * @param resource the topic, bucket or table, already set up
 * @param emulationId the emulation's id ({@code id}): the key of its durable progress
 * @param lanes the emulation's lane count ({@code threads}); records carry their lane
 *     ({@link dev.dataemulator.core.EmulatedRecord#lane()})
 * @param settings the emulation's settings that decide which records it makes and in which lane, by name (those of
 *     {@link dev.dataemulator.core.EmulationSpec#toSettings()} but the ones that may change between runs, such as
 *     {@code duration}, and but the sink's connection settings, which may hold secrets; plus the sink's
 *     {@link SyncProducer#resumeSettings()} as {@code sink_config.KEY}): what the sink stores when the emulation
 *     first starts, e.g. as {@link dev.dataemulator.core.support.Checkpoints#settingsText(Map)}
 */
public record ResumeRequest(String resource, String emulationId, int lanes, Map<String, String> settings) {
    public ResumeRequest {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(emulationId, "emulationId");
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1: " + lanes);
        }
        settings = Map.copyOf(settings);
    }
}
