package dev.dataemulator.core;

import dev.dataemulator.core.internal.ProviderLoader;
import dev.dataemulator.core.internal.TextFormat;
import dev.dataemulator.core.spi.FormatProvider;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.support.SinkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The object formats the object sinks ({@code minio}, {@code file}) can write, by name: core's {@code json},
 * {@code jsonl} and {@code csv}, plus every {@link FormatProvider} found with {@link java.util.ServiceLoader}
 * ({@code parquet} and {@code avro} from {@code dev.dataemulator:emulator-parquet}). Immutable and thread-safe.
 */
public final class FormatRegistry {
    /** The setting that names the format in every object sink. */
    public static final String FORMAT_TYPE = "format_type";
    /** Artifacts that bring the known formats, for "missing format" messages. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "parquet", "dev.dataemulator:emulator-parquet",
            "avro", "dev.dataemulator:emulator-parquet");

    private final Map<String, FormatProvider> providers;

    private FormatRegistry(List<FormatProvider> providers) {
        Map<String, FormatProvider> indexed = new java.util.LinkedHashMap<>();
        for (FormatProvider provider : providers) {
            ProviderLoader.put(indexed, provider, FormatProvider::name, FormatProvider.class);
        }
        this.providers = Map.copyOf(indexed);
    }

    /**
     * @return core's formats and every {@link FormatProvider} on the class path
     * @throws EmulatorException when two providers share a name
     */
    public static FormatRegistry discover() {
        List<FormatProvider> all = builtIn();
        all.addAll(ProviderLoader.load(FormatProvider.class, FormatProvider::name,
                ProviderLoader.defaultLoader(FormatRegistry.class)).values());
        return new FormatRegistry(all);
    }

    /**
     * @return core's formats and exactly the given providers, without discovery
     * @throws EmulatorException when two providers share a name
     */
    public static FormatRegistry of(FormatProvider... providers) {
        List<FormatProvider> all = builtIn();
        all.addAll(List.of(providers));
        return new FormatRegistry(all);
    }

    private static List<FormatProvider> builtIn() {
        List<FormatProvider> all = new ArrayList<>();
        for (RecordFormat format : RecordFormat.values()) {
            all.add(new TextFormat(format));
        }
        return all;
    }

    /** @return the format names, sorted */
    public Set<String> names() {
        return new TreeSet<>(providers.keySet());
    }

    /** @return the provider named {@code name} (case-insensitive), if any */
    public Optional<FormatProvider> find(String name) {
        return Optional.ofNullable(name == null ? null : providers.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * @return the provider named {@code name}
     * @throws ProviderNotFoundException naming what was found and the artifact to add
     */
    public FormatProvider provider(String name) {
        return find(name).orElseThrow(() -> new ProviderNotFoundException(missingMessage(name)));
    }

    /**
     * Reads {@value #FORMAT_TYPE} from a sink's settings and configures that format from the same settings. An
     * unknown name is recorded as a violation of {@code config} saying which formats exist and which artifact brings
     * the one asked for.
     *
     * @param config the sink's settings
     * @param defaultName the format when the setting is absent
     * @return the configured format, or the default one (unconfigured) when the name is unknown
     */
    public ObjectFormat configure(SinkConfig config, String defaultName) {
        String name = config.string(FORMAT_TYPE, defaultName);
        Optional<FormatProvider> provider = find(name);
        if (provider.isEmpty()) {
            config.violation(FORMAT_TYPE, name, missingMessage(name));
            return provider(defaultName).configure(new SinkConfig(FORMAT_TYPE, Map.of(), Set.of()));
        }
        return provider.get().configure(config);
    }

    /**
     * Reads {@value #FORMAT_TYPE} for a sink that writes a stream of text rather than objects ({@code stdout}): the
     * same names and messages as {@link #configure}, limited to core's text formats.
     *
     * @param config the sink's settings
     * @param defaultFormat the format when the setting is absent
     * @return the text layout; the default one when the name is unknown or not a text format (a violation of
     *     {@code config} says why)
     */
    public RecordFormat configureText(SinkConfig config, RecordFormat defaultFormat) {
        String name = config.optional(FORMAT_TYPE);
        ObjectFormat format = configure(config, defaultFormat.extension());
        if (format instanceof TextFormat text) {
            return text.recordFormat();
        }
        if (find(name).isPresent()) {
            config.violation(FORMAT_TYPE, name, "format '" + format.name() + "' writes whole objects: use the "
                    + "file or minio sink; a stream takes " + RecordFormat.JSON.extension() + ", "
                    + RecordFormat.JSONL.extension() + " or " + RecordFormat.CSV.extension());
        }
        return defaultFormat;
    }

    String missingMessage(String name) {
        String artifact = KNOWN_ARTIFACTS.getOrDefault(name == null ? "" : name.trim().toLowerCase(Locale.ROOT),
                "the artifact that provides it");
        return "No format '" + name + "' (found: " + names() + "); add " + artifact + " to the class path";
    }

    @Override
    public String toString() {
        return "FormatRegistry" + names();
    }
}
