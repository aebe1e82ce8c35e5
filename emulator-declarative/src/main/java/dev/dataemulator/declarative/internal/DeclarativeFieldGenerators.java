package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldGenerators;
import dev.dataemulator.declarative.DefinitionException;
import dev.dataemulator.declarative.DefinitionProblem;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fields a schema drift adds ({@code faults.drift.add.FIELD}), made by the declarative value vocabulary: each
 * generator is a field definition as in a domain's {@code fields:} (e.g. {@code {one_of: [web, app]}}), compiled as a
 * domain of the drifting domain's name whose fields are the added ones, so an added value derives from (seed, domain,
 * seq, field name) like every declarative value. An added field cannot refer to the domain's other fields.
 */
public final class DeclarativeFieldGenerators implements FieldGenerators {

    @Override
    public DomainProvider compile(String domain, Map<String, String> fields) {
        // each alone first, so that a problem names its entry
        for (Map.Entry<String, String> field : fields.entrySet()) {
            try {
                definition(domain, Map.of(field.getKey(), field.getValue()));
            } catch (DefinitionException e) {
                throw new InvalidSettingException("faults.drift.add." + field.getKey(), field.getValue(),
                        "not a field definition of the declarative vocabulary: " + e.problems().stream()
                                .map(DeclarativeFieldGenerators::describe).collect(Collectors.joining("; ")));
            }
        }
        return definition(domain, fields);
    }

    private static DomainProvider definition(String domain, Map<String, String> fields) {
        StringBuilder text = new StringBuilder("version: 1\ndomains:\n  \"").append(domain).append("\":\n    fields:\n");
        fields.forEach((name, generator) -> text.append("      ").append(name).append(": ").append(generator)
                .append('\n'));
        Problems problems = new Problems();
        Node root = TreeReader.read("faults.drift.add", text.toString(), problems);
        List<DomainProvider> providers = Compiler.compile(root, problems);
        return providers.get(0);
    }

    private static String describe(DefinitionProblem problem) {
        return (problem.value() == null ? "" : "'" + problem.value() + "': ") + "expected " + problem.expected()
                + (problem.suggestion() == null ? "" : "; did you mean '" + problem.suggestion() + "'?");
    }
}
