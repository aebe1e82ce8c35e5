package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws URISyntaxException {
        Path classes = Path.of(EmulationSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(classes).find("dev.dataemulator.core").map(ModuleReference::descriptor)
                .orElseThrow(() -> new AssertionError("no module dev.dataemulator.core in " + classes));
    }

    @Test
    void exportsTheApiAndTheSpiButNotTheInternals() throws Exception {
        assertThat(descriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .contains("dev.dataemulator.core", "dev.dataemulator.core.spi")
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
    void usesBothProviderTypesAndProvidesTheMemoryAndStdoutSinks() throws Exception {
        assertThat(descriptor().uses()).containsExactlyInAnyOrder("dev.dataemulator.core.spi.DomainProvider",
                "dev.dataemulator.core.spi.DomainSource", "dev.dataemulator.core.spi.SinkProvider");
        assertThat(descriptor().provides()).singleElement().satisfies(provides -> {
            assertThat(provides.service()).isEqualTo("dev.dataemulator.core.spi.SinkProvider");
            assertThat(provides.providers()).containsExactly("dev.dataemulator.core.internal.MemorySinkProvider",
                    "dev.dataemulator.core.internal.StdoutSinkProvider");
        });
    }
}
