package dev.dataemulator.examples;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code --domain-file FILE}: the domains of a declarative definition (YAML or JSON, see emulator-declarative) next
 * to the discovered ones, for {@code run} and {@code sample}.
 */
final class DomainFiles {
    private DomainFiles() {
    }

    /**
     * @param file the definition, or null
     * @return the discovered domains plus those of {@code file}; null when {@code file} is null (the spec then
     *     discovers)
     * @throws InvalidSettingException when the file cannot be read, or every problem of the definition
     */
    static DomainRegistry registry(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return DeclarativeDomains.withDefined(DomainRegistry.discover(), DeclarativeDomains.load(file));
        } catch (UncheckedIOException e) {
            throw new InvalidSettingException("--domain-file", file, "cannot be read: " + e.getCause());
        }
    }
}
