package dev.dataemulator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package tiers of every module, on its compiled classes: the root package and {@code spi} are the API,
 * {@code support} is shared implementation, {@code internal} is the rest and may change freely. Every module listed in
 * the root pom that has code is read from its own {@code target/classes}, so a new module is checked without being
 * named here.
 */
class TiersTest {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final List<CheckedModule> MODULES = read();

    /** One module's main classes. */
    record CheckedModule(String name, JavaClasses classes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CheckedModule> modules() {
        return MODULES.stream();
    }

    @Test
    void everyModuleWithCodeIsChecked() throws IOException {
        List<String> withCode = new ArrayList<>();
        for (String module : moduleNames()) {
            if (Files.isDirectory(root().resolve(module).resolve("src/main/java"))) {
                withCode.add(module);
            }
        }
        assertThat(MODULES).extracting(CheckedModule::name).containsExactlyElementsOf(withCode)
                .contains("emulator-core", "emulator-kafka", "emulator-spark", "emulator-benchmarks");
        assertThat(MODULES).allSatisfy(module -> assertThat(module.classes()).as(module.name()).isNotEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void noModuleUsesAnotherModulesInternals(CheckedModule module) {
        Set<String> own = new LinkedHashSet<>();
        module.classes().forEach(c -> own.add(c.getName()));
        DescribedPredicate<JavaClass> othersInternals = DescribedPredicate.describe("are in another module's"
                + " internal package", c -> isInternal(c.getBaseComponentType().getPackageName())
                        && !own.contains(c.getBaseComponentType().getName()));
        noClasses().should().dependOnClassesThat(othersInternals).check(module.classes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void spiAndSupportNeverUseInternals(CheckedModule module) {
        noClasses().that().resideInAnyPackage("..spi..", "..support..")
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .allowEmptyShould(true)
                .check(module.classes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void apiTypesExposeNoInternalTypes(CheckedModule module) {
        classes().that(DescribedPredicate.describe("are visible outside their module",
                        c -> !isInternal(c.getPackageName()) && visible(c)))
                .should(exposeNoInternalType())
                .allowEmptyShould(true)
                .check(module.classes());
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no internal type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> exposed = new ArrayList<>();
                type.getSuperclass().ifPresent(s -> internals(s, "extends", exposed));
                type.getInterfaces().forEach(i -> internals(i, "implements", exposed));
                for (JavaMember member : type.getMembers()) {
                    if (!reachable(type, member)) {
                        continue;
                    }
                    if (member instanceof JavaField field) {
                        internals(field.getType(), field.getName(), exposed);
                    } else if (member instanceof JavaCodeUnit code) {
                        String where = code.getFullName();
                        internals(code.getReturnType(), where, exposed);
                        code.getParameterTypes().forEach(p -> internals(p, where, exposed));
                        code.getThrowsClause().getTypes().forEach(t -> internals(t, where, exposed));
                    }
                }
                for (String found : exposed) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " exposes " + found));
                }
            }
        };
    }

    private static void internals(JavaType type, String where, List<String> exposed) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (isInternal(raw.getPackageName())) {
                exposed.add(raw.getName() + " in " + where);
            }
        }
    }

    /** A member a user can call or override: public, or protected in a class that can be extended. */
    private static boolean reachable(JavaClass type, JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        if (modifiers.contains(JavaModifier.SYNTHETIC) || modifiers.contains(JavaModifier.BRIDGE)) {
            return false;
        }
        return modifiers.contains(JavaModifier.PUBLIC)
                || modifiers.contains(JavaModifier.PROTECTED) && !type.getModifiers().contains(JavaModifier.FINAL);
    }

    /** A public class whose enclosing classes are public too. */
    private static boolean visible(JavaClass type) {
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInternal(String packageName) {
        return Arrays.asList(packageName.split("\\.")).contains("internal");
    }

    private static Path root() {
        String root = System.getProperty("reactor.root");
        Path path = root != null ? Path.of(root) : Path.of("..");
        assertThat(path.resolve("pom.xml")).as("the root pom (system property reactor.root)").isRegularFile();
        return path.toAbsolutePath().normalize();
    }

    private static List<String> moduleNames() throws IOException {
        List<String> names = new ArrayList<>();
        Matcher matcher = MODULE.matcher(Files.readString(root().resolve("pom.xml")));
        while (matcher.find()) {
            names.add(matcher.group(1).strip());
        }
        return names;
    }

    private static List<CheckedModule> read() {
        try {
            List<CheckedModule> modules = new ArrayList<>();
            for (String name : moduleNames()) {
                Path module = root().resolve(name);
                if (!Files.isDirectory(module.resolve("src/main/java"))) {
                    continue;
                }
                Path classes = module.resolve("target/classes");
                if (!Files.isDirectory(classes)) {
                    throw new AssertionError(name + " has no compiled classes in " + classes
                            + "; add it to the dependencies of emulator-architecture-tests so the reactor builds it first");
                }
                modules.add(new CheckedModule(name, new ClassFileImporter()
                        .withImportOption(location -> !location.contains("module-info")
                                && !location.contains("package-info"))
                        .importPath(classes)));
            }
            return List.copyOf(modules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
