package dev.dataemulator.core.spi;

import java.util.Map;

/**
 * Compiles the generators of the fields a schema drift adds ({@code faults.drift.add.FIELD}, docs/FAULTS.md) into a
 * domain whose records hold exactly those fields, so that the engine can append them to the records of any domain.
 * Found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.dataemulator.core.spi.FieldGenerators}); {@code emulator-declarative} provides the
 * declarative value vocabulary ({@code {one_of: [web, app]}}, {@code {int: {min: 1, max: 9}}}, ...).
 *
 * <p>Implementations are cheap classes with a public no-argument constructor; {@link #compile} is thread-safe. The
 * records of the returned domain must be a pure function of (seed, seq, field name), like every value.
 */
public interface FieldGenerators {

    /**
     * @param domain the name of the domain the fields are added to; the returned domain bears it, so that the added
     *     values derive from (seed, domain, seq, field name)
     * @param fields each added field's name and its generator as text (a YAML flow or JSON value of the vocabulary,
     *     e.g. {@code {"one_of": ["web", "app"]}}), in the order they are added
     * @return a domain whose records hold exactly {@code fields}, in order, and whose generators declare their schema
     * @throws dev.dataemulator.core.InvalidSettingException naming {@code faults.drift.add.FIELD} when a generator is
     *     not valid
     */
    DomainProvider compile(String domain, Map<String, String> fields);
}
