package dev.dataemulator.examples;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --domain-file FILE}: the domains of a declarative definition (YAML or JSON, see emulator-declarative) next
 * to the discovered ones: the option of {@code run}, {@code sample} and {@code schema} (a picocli mixin).
 */
final class DomainFiles {
    @Option(names = "--domain-file", paramLabel = "FILE", description = "A declarative domain definition (YAML or "
            + "JSON, format of emulator-declarative); its domains join the bundled ones: choose with --domain (run: "
            + "without --domain, every domain of the file as one emulation).")
    Path file;

    /**
     * @return the discovered domains plus those of the file; null without {@code --domain-file} (the spec then
     *     discovers)
     * @throws InvalidSettingException when the file cannot be read, or every problem of the definition
     */
    DomainRegistry registry() {
        if (file == null) {
            return null;
        }
        return DeclarativeDomains.withDefined(DomainRegistry.discover(), defined());
    }

    /**
     * @return the names of the file's domains, in the file's order ({@code run} without {@code --domain} runs them)
     * @throws InvalidSettingException as {@link #registry()}
     */
    List<String> names() {
        return defined().stream().map(DomainProvider::name).toList();
    }

    private List<DomainProvider> defined() {
        try {
            return DeclarativeDomains.load(file);
        } catch (UncheckedIOException e) {
            throw new InvalidSettingException("--domain-file", file, "cannot be read: " + e.getCause());
        }
    }

    /** @return {@link #registry()}, or the discovered domains without {@code --domain-file} */
    DomainRegistry registryOrDiscovered() {
        DomainRegistry registry = registry();
        return registry == null ? DomainRegistry.discover() : registry;
    }
}
