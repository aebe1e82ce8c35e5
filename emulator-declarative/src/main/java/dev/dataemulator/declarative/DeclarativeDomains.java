package dev.dataemulator.declarative;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.declarative.internal.Compiler;
import dev.dataemulator.declarative.internal.Node;
import dev.dataemulator.declarative.internal.Problems;
import dev.dataemulator.declarative.internal.TreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry points of declarative domains: a definition in YAML or JSON (format version 1, see this module's README) or
 * built with {@link DeclarativeDomain#builder(String)} becomes a list of ordinary {@link DomainProvider}s, one per
 * domain, ready for {@code DomainRegistry.builder().register(...)}.
 *
 * <pre>{@code
 * List<DomainProvider> domains = DeclarativeDomains.load(Path.of("ecommerce.yaml"));
 * DomainRegistry.Builder registry = DomainRegistry.builder();
 * domains.forEach(registry::register);
 * }</pre>
 *
 * <p>A definition is checked completely before anything is returned: every problem is reported at once in one
 * {@link DefinitionException}, each with its file, line:column, field path, bad value and what was expected. Datafaker
 * expressions are resolved and evaluated once here. The returned providers are immutable and thread-safe; record
 * {@code seq} of a domain is a pure function of (seed, domain, seq, field path).
 */
public final class DeclarativeDomains {
    private DeclarativeDomains() {
    }

    /**
     * Loads a definition file (YAML, or JSON when the text starts with '{').
     *
     * @param file the definition; its file name appears in problem positions
     * @return one provider per domain, in the order written
     * @throws DefinitionException with every problem of the definition
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<DomainProvider> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read domain definition '" + file + "'", e);
        }
        Path name = file.getFileName();
        return parse(name == null ? file.toString() : name.toString(), text);
    }

    /**
     * Parses a definition given as text (YAML, or JSON when the text starts with '{'); positions in problems name
     * the source {@code <string>}.
     *
     * @param definition the definition text
     * @return one provider per domain, in the order written
     * @throws DefinitionException with every problem of the definition
     */
    public static List<DomainProvider> parse(String definition) {
        return parse("<string>", definition);
    }

    /**
     * Parses a definition given as text, naming its source in problem positions.
     *
     * @param source a file or resource name, e.g. {@code orders.yaml}
     * @param definition the definition text
     * @return one provider per domain, in the order written
     * @throws DefinitionException with every problem of the definition
     */
    public static List<DomainProvider> parse(String source, String definition) {
        Problems problems = new Problems();
        Node root = TreeReader.read(source, definition == null ? "" : definition, problems);
        return Compiler.compile(root, problems);
    }

    /**
     * Compiles domains made with {@link DeclarativeDomain#builder(String)}: the same checks and the same providers
     * as a file with those domains. Domains may refer to each other.
     *
     * @param domains the domains, referring only to each other
     * @return one provider per domain, in the given order
     * @throws DefinitionException with every problem (source {@code builder}, positions unknown)
     */
    public static List<DomainProvider> of(DeclarativeDomain... domains) {
        return of(List.of(domains));
    }

    /**
     * @param domains the domains, referring only to each other
     * @return one provider per domain, in the given order
     * @throws DefinitionException with every problem
     */
    public static List<DomainProvider> of(List<DeclarativeDomain> domains) {
        Node.Location at = new Node.Location(DeclarativeDomain.SOURCE, 0, 0);
        Map<String, Node> entries = new LinkedHashMap<>();
        Problems problems = new Problems();
        for (DeclarativeDomain domain : domains) {
            if (entries.put(domain.name(), domain.node()) != null) {
                problems.add(at, "domains." + domain.name(), domain.name(), "each domain name once", null);
            }
        }
        Map<String, Node> root = new LinkedHashMap<>();
        root.put("version", Node.scalar(1L, at));
        root.put("domains", Node.map(entries, Map.of(), at));
        return Compiler.compile(Node.map(root, Map.of(), at), problems);
    }

    /**
     * The one way a front door (command line, HTTP service, Kafka connector, Spark source) joins defined domains to
     * the discovered ones: the domains of {@code discovered} plus {@code defined}, in that order.
     *
     * @param discovered the discovered domains
     * @param defined providers of a definition ({@link #load}, {@link #parse}); none leaves {@code discovered}
     * @return a registry of both
     * @throws dev.dataemulator.core.EmulatorException when a defined domain has the name of a discovered one
     */
    public static DomainRegistry withDefined(DomainRegistry discovered, List<DomainProvider> defined) {
        if (defined.isEmpty()) {
            return discovered;
        }
        DomainRegistry.Builder builder = discovered.toBuilder();
        defined.forEach(builder::register);
        return builder.build();
    }

    /**
     * @param discovered the discovered domains
     * @param source the definition's name in problem positions (the setting it came from)
     * @param definition a definition text, or {@code null} / blank for none
     * @return {@code discovered} plus the domains of {@code definition}
     * @throws DefinitionException with every problem of the definition
     */
    public static DomainRegistry withDefinition(DomainRegistry discovered, String source, String definition) {
        return definition == null || definition.isBlank() ? discovered
                : withDefined(discovered, parse(source, definition));
    }

    /** @return the generator names of format version 1 */
    public static List<String> generators() {
        return new ArrayList<>(Compiler.GENERATORS);
    }
}
