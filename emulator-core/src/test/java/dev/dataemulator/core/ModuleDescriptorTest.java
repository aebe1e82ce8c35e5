package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

    private static Path classes() throws URISyntaxException {
        return Path.of(EmulationSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws URISyntaxException {
        Path classes = classes();
        return ModuleFinder.of(classes).find("dev.dataemulator.core").map(ModuleReference::descriptor)
                .orElseThrow(() -> new AssertionError("no module dev.dataemulator.core in " + classes));
    }

    @Test
    void exportsTheApiTheSpiAndSupportButNotTheInternals() throws Exception {
        assertThat(descriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .contains("dev.dataemulator.core", "dev.dataemulator.core.spi", "dev.dataemulator.core.support")
                .doesNotContain("dev.dataemulator.core.internal");
        assertThat(descriptor().exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(descriptor().opens()).isEmpty();
    }

    @Test
    void everyPackageOutsideInternalIsExportedSoANewApiPackageIsNotForgotten() throws Exception {
        ModuleDescriptor descriptor = descriptor();
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrderElementsOf(descriptor.packages().stream()
                        .filter(p -> !p.equals("dev.dataemulator.core.internal")
                                && !p.startsWith("dev.dataemulator.core.internal."))
                        .toList());
    }

    @Test
    void usesBothProviderTypesAndProvidesTheSinksListedInMetaInfServices() throws Exception {
        ModuleDescriptor descriptor = descriptor();
        assertThat(descriptor.uses()).containsExactlyInAnyOrder("dev.dataemulator.core.spi.DomainProvider",
                "dev.dataemulator.core.spi.DomainSource", "dev.dataemulator.core.spi.SinkProvider",
                "dev.dataemulator.core.spi.FormatProvider", "dev.dataemulator.core.spi.FieldGenerators");
        // providers are declared twice (module path and class path); the two lists must agree
        List<String> listed = Files.readAllLines(classes().resolve("META-INF/services/"
                + "dev.dataemulator.core.spi.SinkProvider")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(listed).contains("dev.dataemulator.core.internal.MemorySinkProvider");
        assertThat(descriptor.provides()).singleElement().satisfies(provides -> {
            assertThat(provides.service()).isEqualTo("dev.dataemulator.core.spi.SinkProvider");
            assertThat(provides.providers()).containsExactlyInAnyOrderElementsOf(listed);
        });
    }
}
