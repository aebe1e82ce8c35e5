package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a whole definition and compiles it into {@link DeclarativeProvider}s. Every problem is collected (a bad
 * field does not stop the checking of the others) and thrown at once as a
 * {@link dev.dataemulator.declarative.DefinitionException}. Not thread-safe; one per compilation.
 */
public final class Compiler {
    /** The generators of format version 1, in the order the reference lists them. */
    public static final List<String> GENERATORS = List.of("uuid", "sequence", "unique", "int", "long", "double",
            "decimal", "boolean", "weighted", "one_of", "constant", "regex", "faker", "template", "date",
            "timestamp", "ref", "object", "array", "expr", "state");
    /** Keys allowed next to any generator. */
    public static final List<String> MODIFIERS = List.of("null_rate", "doc");
    private static final List<String> EXPR_KEYS = List.of("type", "scale", "precision");
    private static final List<String> TOP_KEYS = List.of("version", "domains");
    private static final List<String> DOMAIN_KEYS = List.of("resource", "key", "count", "doc", "fields",
            "lifecycle", "faults");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{|\\}\\}|\\{([^{}]*)\\}");
    /** The most elements an array may have. */
    public static final int MAX_ARRAY_SIZE = 10_000;
    /** The largest Datafaker pool. */
    public static final int MAX_POOL = 1_000_000;

    private final Problems problems;
    private final List<DomainPlan> domains = new ArrayList<>();
    private final Map<String, DomainPlan> byName = new LinkedHashMap<>();
    private final List<PendingStruct> structs = new ArrayList<>();
    private final List<Fields.RefField> refs = new ArrayList<>();
    private final Map<Fields.RefField, DomainPlan> refOwner = new HashMap<>();
    private final ValueCompiler values;
    private final TimeCompiler times;
    private final LifecycleCompiler lifecycles;
    private final Map<Fields.StateField, DomainPlan> stateFields = new LinkedHashMap<>();

    /** The fields of one object before their dependencies are compiled. */
    private static final class PendingStruct {
        final String name;
        final DomainPlan domain;
        final List<Field> fields = new ArrayList<>();
        final Map<Field, Node> deferred = new LinkedHashMap<>();
        /** Fields whose definitions had problems: references to them are not reported again. */
        final Set<String> failed = new LinkedHashSet<>();
        Fields.ObjectField owner;
        Struct compiled;

        PendingStruct(String name, DomainPlan domain) {
            this.name = name;
            this.domain = domain;
        }

        Field field(String name) {
            for (Field field : fields) {
                if (field.name.equals(name)) {
                    return field;
                }
            }
            return null;
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            for (Field field : fields) {
                names.add(field.name);
            }
            return names;
        }
    }

    private Compiler(Problems problems) {
        this.problems = problems;
        this.values = new ValueCompiler(problems);
        this.times = new TimeCompiler(problems);
        this.lifecycles = new LifecycleCompiler(problems, times);
    }

    /**
     * @param root the whole definition ({@code version}, {@code domains}); null when reading failed
     * @return the providers, one per domain, in the order written
     * @throws dev.dataemulator.declarative.DefinitionException with every problem found (including those already in
     *     {@code problems})
     */
    public static List<DomainProvider> compile(Node root, Problems problems) {
        Compiler compiler = new Compiler(problems);
        if (root != null) {
            compiler.document(root);
        }
        problems.throwIfAny();
        List<DomainProvider> providers = new ArrayList<>();
        List<DomainPlan> model = List.copyOf(compiler.domains);
        for (DomainPlan plan : model) {
            providers.add(new DeclarativeProvider(model, plan));
        }
        return providers;
    }

    private void document(Node root) {
        if (!root.isMap()) {
            problems.bad(root, "", "a map with 'version: 1' and 'domains'");
            return;
        }
        checkKeys(root, "", TOP_KEYS, "a top-level key");
        Node version = root.get("version");
        if (version == null) {
            problems.add(root.location(), "version", null, "'version: 1' (the format version)", null);
        } else if (version.kind() != Node.Kind.INTEGER || (Long) version.value() != 1L) {
            problems.bad(version, "version", "1, the only format version");
        }
        Node domainsNode = root.get("domains");
        if (domainsNode == null) {
            problems.add(root.location(), "domains", null, "a map of domain names to domains", null);
            return;
        }
        if (!domainsNode.isMap() || domainsNode.entries().isEmpty()) {
            problems.bad(domainsNode, "domains", "a map of domain names to domains, at least one");
            return;
        }
        for (Map.Entry<String, Node> entry : domainsNode.entries().entrySet()) {
            domain(entry.getKey(), entry.getValue(), domainsNode.keyLocation(entry.getKey()));
        }
        for (Fields.RefField ref : refs) {
            resolve(ref, new LinkedHashSet<>());
        }
        checkCycles();
        // nested objects were added after the objects holding them: compile them first
        for (int i = structs.size() - 1; i >= 0; i--) {
            compileDependencies(structs.get(i));
        }
        for (DomainPlan domain : domains) {
            finish(domain);
        }
        for (Fields.RefField ref : refs) {
            if (ref.target != null) {
                ref.closure = closure(ref.target).toArray(new Field[0]);
            }
        }
    }

    private void checkKeys(Node map, String path, List<String> allowed, String what) {
        for (String key : map.entries().keySet()) {
            if (!allowed.contains(key)) {
                problems.add(map.keyLocation(key), join(path, key), key, what + ": one of "
                        + String.join(", ", allowed), Problems.suggest(key, allowed));
            }
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    // ---------------------------------------------------------------------------------------------- domains

    private void domain(String name, Node node, Node.Location at) {
        String path = "domains." + name;
        if (!NAME.matcher(name).matches()) {
            problems.add(at, path, name, "a domain name of letters, digits, '_' and '-', starting with a letter "
                    + "or '_'", null);
        }
        if (!node.isMap()) {
            problems.bad(node, path, "a map with 'fields' (and optionally resource, key, count, doc)");
            return;
        }
        checkKeys(node, path, DOMAIN_KEYS, "a domain key");
        Params params = new Params(node, at, path, problems, node.entries().keySet());
        String resource = params.string("resource", null);
        Long count = params.integer("count", null);
        if (count != null && count < 1) {
            problems.bad(node.get("count"), path + ".count", "a positive number of records");
            count = null;
        }
        String doc = params.string("doc", "");
        DomainPlan plan = new DomainPlan(name, domains.size(), resource, count == null ? -1 : count, doc);
        domains.add(plan);
        byName.put(name, plan);
        plan.faults = FaultsReader.read(node.get("faults"), path + ".faults", problems);
        Node fields = node.get("fields");
        PendingStruct root = new PendingStruct(name, plan);
        structs.add(root);
        if (fields == null) {
            problems.add(node.location(), path + ".fields", null, "a map of field names to field definitions", null);
        } else {
            fields(fields, path + ".fields", "", root, false);
        }
        plan.allFields = new ArrayList<>();
        Node key = node.get("key");
        if (key != null) {
            String keyName = params.string("key", null);
            if (keyName != null) {
                Field keyField = root.field(keyName);
                if (keyField == null) {
                    if (!root.failed.contains(keyName)) {
                        problems.add(key.location(), path + ".key", keyName, "a field of the domain",
                                Problems.suggest(keyName, root.names()));
                    }
                } else if (keyField instanceof Fields.ObjectField || keyField instanceof Fields.ArrayField) {
                    problems.add(key.location(), path + ".key", keyName, "a scalar field (not an object or a list)",
                            null);
                } else if (keyField.nullRate > 0) {
                    problems.add(key.location(), path + ".key", keyName, "a field that is never null (the key field "
                            + "has null_rate " + keyField.nullRate + ")", null);
                } else {
                    plan.key = keyField;
                }
            }
        }
        rootStructs.put(plan, root);
        lifecycle(node.get("lifecycle"), path, plan, key != null, root);
    }

    /** Compiles the domain's lifecycle and binds its state fields; a state field needs a lifecycle. */
    private void lifecycle(Node node, String path, DomainPlan plan, boolean keyGiven, PendingStruct root) {
        if (node != null) {
            List<String> names = new ArrayList<>();
            Set<String> stateNames = new HashSet<>();
            for (Field field : root.fields) {
                names.add(field.name);
                if (field instanceof Fields.StateField) {
                    stateNames.add(field.name);
                }
            }
            plan.lifecycle = lifecycles.compile(node, path + ".lifecycle", plan.count, keyGiven,
                    plan.key == null ? null : plan.key.name, names, stateNames, root.failed);
        }
        for (Map.Entry<Fields.StateField, DomainPlan> entry : stateFields.entrySet()) {
            if (entry.getValue() != plan) {
                continue;
            }
            Fields.StateField field = entry.getKey();
            if (node == null) {
                problems.add(field.location, field.path, null, "a state field in a domain with a lifecycle", null);
            } else if (plan.lifecycle != null) {
                field.states = plan.lifecycle.states;
                field.initial = plan.lifecycle.initial;
            }
        }
    }

    private final Map<DomainPlan, PendingStruct> rootStructs = new HashMap<>();

    private void fields(Node node, String path, String seedPrefix, PendingStruct struct, boolean inArray) {
        if (!node.isMap() || node.entries().isEmpty()) {
            problems.bad(node, path, "a map of field names to field definitions, at least one");
            return;
        }
        for (Map.Entry<String, Node> entry : node.entries().entrySet()) {
            String name = entry.getKey();
            String fieldPath = path + "." + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(node.keyLocation(name), fieldPath, name, "a field name of letters, digits, '_' and '-', "
                        + "starting with a letter or '_'", null);
                continue;
            }
            Field field = field(name, entry.getValue(), fieldPath, seedPrefix + name, struct, inArray, false);
            if (field != null) {
                field.slot = struct.fields.size();
                struct.fields.add(field);
            } else {
                struct.failed.add(name);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- fields

    /**
     * @return the compiled field, or null after reporting its problems
     */
    private Field field(String name, Node node, String path, String seedPath, PendingStruct struct, boolean inArray,
            boolean isItem) {
        if (!node.isMap()) {
            problems.bad(node, path, "a field definition: a map with one generator (" + String.join(", ", GENERATORS)
                    + "), e.g. {uuid: {}}");
            return null;
        }
        int before = problems.size();
        String generator = null;
        for (String key : node.entries().keySet()) {
            if (GENERATORS.contains(key)) {
                if (generator != null) {
                    problems.add(node.keyLocation(key), path + "." + key, key, "one generator per field ('"
                            + generator + "' is already given)", null);
                } else {
                    generator = key;
                }
            }
        }
        List<String> allowed = new ArrayList<>(MODIFIERS);
        if ("expr".equals(generator)) {
            allowed.addAll(EXPR_KEYS);
        }
        for (String key : node.entries().keySet()) {
            if (!GENERATORS.contains(key) && !allowed.contains(key)) {
                List<String> candidates = new ArrayList<>(GENERATORS);
                candidates.addAll(MODIFIERS);
                candidates.addAll(EXPR_KEYS);
                problems.add(node.keyLocation(key), path + "." + key, key, "a generator (" + String.join(", ",
                        GENERATORS) + ") or a modifier (" + String.join(", ", allowed) + ")",
                        Problems.suggest(key, candidates));
            }
        }
        if (generator == null) {
            if (problems.size() == before) {
                problems.add(node.location(), path, node.text(), "one generator: " + String.join(", ", GENERATORS),
                        null);
            }
            return null;
        }
        Params modifiers = new Params(node, node.location(), path, problems, node.entries().keySet());
        Double nullRate = modifiers.number("null_rate", 0.0);
        if (nullRate != null && !(nullRate >= 0 && nullRate <= 1)) {
            problems.bad(node.get("null_rate"), path + ".null_rate", "a probability between 0 and 1");
            nullRate = 0.0;
        }
        if (isItem && node.get("null_rate") != null) {
            problems.bad(node.get("null_rate"), path + ".null_rate", "no null_rate on list items (list elements "
                    + "are never null; put null_rate on the array field)");
        }
        String doc = modifiers.string("doc", "");
        Node params = node.get(generator);
        String genPath = path + "." + generator;
        Node.Location at = node.keyLocation(generator);
        Field field = generator(generator, name, params, genPath, seedPath, at, struct, inArray, node, path);
        if (field != null) {
            field.nullRate = nullRate == null ? 0 : nullRate;
            field.nullable = field.nullRate > 0;
            field.doc = doc;
        }
        return field;
    }

    private Field generator(String generator, String name, Node params, String path, String seedPath,
            Node.Location at, PendingStruct struct, boolean inArray, Node fieldNode, String fieldPath) {
        switch (generator) {
            case "uuid": {
                Params p = new Params(params, at, path, problems, List.of());
                return p.ok() ? new Fields.UuidField(name, seedPath, path, at) : null;
            }
            case "sequence": {
                Params p = new Params(params, at, path, problems, List.of("start", "step"));
                long start = p.integer("start", 0L);
                long step = p.integer("step", 1L);
                if (step == 0) {
                    problems.bad(p.get("step"), p.path("step"), "a step other than 0");
                }
                return p.ok() ? new Fields.SequenceField(name, seedPath, path, at, start, step) : null;
            }
            case "unique":
                return values.unique(name, params, path, seedPath, at, struct.domain.count, inArray);
            case "int":
            case "long":
            case "double":
            case "decimal":
                return values.number(generator, name, params, path, seedPath, at);
            case "boolean": {
                Params p = new Params(params, at, path, problems, List.of("p"));
                double probability = p.number("p", 0.5);
                if (!(probability >= 0 && probability <= 1)) {
                    problems.bad(p.get("p"), p.path("p"), "a probability between 0 and 1");
                }
                return p.ok() ? new Fields.BooleanField(name, seedPath, path, at, probability) : null;
            }
            case "weighted":
                return values.weighted(name, params, path, seedPath, at);
            case "one_of":
                return values.oneOf(name, params, path, seedPath, at);
            case "constant":
                return values.constant(name, params, path, seedPath, at);
            case "regex": {
                if (params == null || params.kind() != Node.Kind.STRING) {
                    problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                            "a regular expression as a string, e.g. \"SKU-[A-Z]{3}[0-9]{4}\"", null);
                    return null;
                }
                try {
                    return new Fields.RegexField(name, seedPath, path, at,
                            RegexGenerator.compile((String) params.value()));
                } catch (IllegalArgumentException e) {
                    problems.bad(params, path, e.getMessage());
                    return null;
                }
            }
            case "faker":
                return values.faker(name, params, path, seedPath, at);
            case "template": {
                if (params == null || params.kind() != Node.Kind.STRING) {
                    problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                            "a template string such as \"ORD-{seq}\"", null);
                    return null;
                }
                Fields.TemplateField field = new Fields.TemplateField(name, seedPath, path, at);
                struct.deferred.put(field, params);
                return field;
            }
            case "date":
            case "timestamp":
                return times.time(generator, name, params, path, seedPath, at);
            case "ref":
                return ref(name, params, path, seedPath, at, struct);
            case "object": {
                Params p = new Params(params, at, path, problems, List.of("fields"));
                if (!p.has("fields")) {
                    p.missing("fields", "a map of field names to field definitions");
                    return null;
                }
                Fields.ObjectField field = new Fields.ObjectField(name, seedPath, path, at);
                PendingStruct nested = new PendingStruct(name, struct.domain);
                nested.owner = field;
                structs.add(nested);
                fields(p.get("fields"), path + ".fields", seedPath + ".", nested, inArray);
                return field;
            }
            case "array":
                return array(name, params, path, seedPath, at, struct);
            case "expr":
                return expr(name, params, path, seedPath, at, struct, fieldNode, fieldPath);
            case "state": {
                Params p = new Params(params, at, path, problems, List.of());
                if (struct.owner != null || inArray) {
                    problems.add(at, path, null, "a state field at the top level of a domain with a lifecycle", null);
                    return null;
                }
                Fields.StateField field = new Fields.StateField(name, seedPath, path, at);
                stateFields.put(field, struct.domain);
                return p.ok() ? field : null;
            }
            default:
                throw new IllegalStateException(generator);
        }
    }



    private Field ref(String name, Node params, String path, String seedPath, Node.Location at,
            PendingStruct struct) {
        Params p = new Params(params, at, path, problems, List.of("domain", "field", "pick", "exponent", "same_as"));
        String domain = p.string("domain", null);
        String field = p.string("field", null);
        if (domain == null && !p.has("domain")) {
            p.missing("domain", "the name of the referenced domain");
        }
        if (field == null && !p.has("field")) {
            p.missing("field", "the name of a field of the referenced domain");
        }
        String pick = p.choice("pick", "uniform", new LinkedHashSet<>(List.of("uniform", "zipf")));
        double exponent = 1.0;
        if (p.has("exponent")) {
            if (!pick.equals("zipf")) {
                problems.bad(p.get("exponent"), p.path("exponent"), "no exponent unless 'pick: zipf'");
            } else {
                exponent = values.positive(p, "exponent", 1.0);
            }
        }
        String sameAs = p.string("same_as", null);
        if (sameAs != null && (p.has("pick") || p.has("exponent"))) {
            problems.bad(p.get("same_as"), p.path("same_as"), "no pick or exponent with same_as (the record is the "
                    + "one picked for '" + sameAs + "')");
        }
        if (domain == null || field == null || !p.ok()) {
            return null;
        }
        Fields.RefField ref = new Fields.RefField(name, seedPath, path, at, domain, field, pick.equals("zipf"),
                exponent, sameAs);
        refs.add(ref);
        refOwner.put(ref, struct.domain);
        refStruct.put(ref, struct);
        refParams.put(ref, params);
        return ref;
    }

    private final Map<Fields.RefField, PendingStruct> refStruct = new HashMap<>();
    private final Map<Fields.RefField, Node> refParams = new HashMap<>();

    private Field array(String name, Node params, String path, String seedPath, Node.Location at,
            PendingStruct struct) {
        Params p = new Params(params, at, path, problems, List.of("size", "items"));
        Node sizeNode = p.get("size");
        Distribution size;
        if (sizeNode == null) {
            size = new Distribution(Distribution.Shape.UNIFORM, 1, 5, 0, 0);
        } else if (sizeNode.kind() == Node.Kind.INTEGER) {
            long n = (Long) sizeNode.value();
            if (n < 0 || n > MAX_ARRAY_SIZE) {
                problems.bad(sizeNode, p.path("size"), "a size between 0 and " + MAX_ARRAY_SIZE);
                return null;
            }
            size = new Distribution(Distribution.Shape.UNIFORM, n, n, 0, 0);
        } else if (sizeNode.isMap()) {
            Params sp = new Params(sizeNode, sizeNode.location(), p.path("size"), problems, List.of("min", "max",
                    "distribution", "mean", "stddev", "mu", "sigma", "exponent", "lambda"));
            size = values.distribution("size", sp, sizeNode.location());
        } else {
            problems.bad(sizeNode, p.path("size"), "a size: a whole number or {min, max} (optionally with a "
                    + "distribution)");
            return null;
        }
        Node items = p.get("items");
        if (items == null) {
            p.missing("items", "the definition of the elements, e.g. {object: {fields: ...}}");
            return null;
        }
        Fields.ArrayField array = size == null ? null : new Fields.ArrayField(name, seedPath, path, at, size);
        Field item = field(name, items, p.path("items"), seedPath + "[]", struct, true, true);
        if (item instanceof Fields.ArrayField) {
            problems.bad(items, p.path("items"), "items that are not lists themselves (lists of lists are not "
                    + "supported; wrap the inner list in an object)");
            return null;
        }
        if (array == null || item == null) {
            return null;
        }
        array.items = item;
        return array;
    }

    private Field expr(String name, Node params, String path, String seedPath, Node.Location at,
            PendingStruct struct, Node fieldNode, String fieldPath) {
        if (params == null || params.kind() != Node.Kind.STRING || ((String) params.value()).isBlank()) {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    "an arithmetic expression such as \"qty * unit_price\" or \"sum(lines.qty)\"", null);
            return null;
        }
        Params p = new Params(fieldNode, at, fieldPath, problems, fieldNode.entries().keySet());
        String typeName = p.choice("type", null, new LinkedHashSet<>(List.of("int", "long", "double", "decimal")));
        if (typeName == null) {
            if (!p.has("type")) {
                p.missing("type", "the result type: int, long, double or decimal");
            }
            return null;
        }
        Fields.ExprField field = new Fields.ExprField(name, seedPath, path, at);
        if (typeName.equals("decimal")) {
            long scale = p.integer("scale", 2L);
            long precision = p.integer("precision", 18L);
            if (scale < 0 || scale > 18) {
                problems.bad(p.get("scale"), p.path("scale"), "a scale between 0 and 18");
                return null;
            }
            if (precision < Math.max(1, scale) || precision > 18) {
                problems.bad(p.get("precision"), p.path("precision"), "a precision between max(1, scale) and 18");
                return null;
            }
            field.targetScale = (int) scale;
            field.type = FieldType.decimal((int) precision, (int) scale);
        } else {
            for (String key : List.of("scale", "precision")) {
                if (p.has(key)) {
                    problems.bad(p.get(key), p.path(key), "no " + key + " unless 'type: decimal'");
                }
            }
            field.type = typeName.equals("int") ? FieldType.INT : typeName.equals("long") ? FieldType.LONG
                    : FieldType.DOUBLE;
        }
        struct.deferred.put(field, params);
        return field;
    }

    // ---------------------------------------------------------------------------------------------- linking

    /** Resolves a reference's target and type; {@code visiting} stops chains of references that loop. */
    private void resolve(Fields.RefField ref, Set<Fields.RefField> visiting) {
        if (ref.target != null || ref.type != null || !visiting.add(ref)) {
            return;
        }
        Node params = refParams.get(ref);
        PendingStruct struct = refStruct.get(ref);
        DomainPlan parent = byName.get(ref.domain);
        if (ref.sameAsName != null) {
            Field other = struct.field(ref.sameAsName);
            if (!(other instanceof Fields.RefField)) {
                problems.add(params.get("same_as").location(), ref.path + ".same_as", ref.sameAsName,
                        "a ref field of the same object", Problems.suggest(ref.sameAsName, refNames(struct)));
                return;
            }
            Fields.RefField sibling = (Fields.RefField) other;
            if (!sibling.domain.equals(ref.domain) || sibling.sameAsName != null) {
                problems.add(params.get("same_as").location(), ref.path + ".same_as", ref.sameAsName,
                        "a ref field of the same object that picks from domain '" + ref.domain + "' itself (not "
                                + "through same_as)", null);
                return;
            }
            ref.sameAs = sibling;
        }
        if (parent == null) {
            problems.add(params.get("domain").location(), ref.path + ".domain", ref.domain, "a domain of the "
                    + "definition (" + String.join(", ", byName.keySet()) + ")",
                    Problems.suggest(ref.domain, byName.keySet()));
            return;
        }
        if (parent.count < 0) {
            problems.add(params.get("domain").location(), ref.path + ".domain", ref.domain, "a finite domain: "
                    + "give domain '" + ref.domain + "' a count (references pick one of its records 0..count-1)",
                    null);
            return;
        }
        PendingStruct parentRoot = rootStructs.get(parent);
        Field target = parentRoot == null ? null : parentRoot.field(ref.field);
        if (target == null) {
            if (parentRoot != null && parentRoot.failed.contains(ref.field)) {
                return;
            }
            problems.add(params.get("field").location(), ref.path + ".field", ref.field, "a top-level field of "
                    + "domain '" + ref.domain + "'", parentRoot == null ? null
                    : Problems.suggest(ref.field, parentRoot.names()));
            return;
        }
        if (target instanceof Fields.ObjectField || target instanceof Fields.ArrayField) {
            problems.add(params.get("field").location(), ref.path + ".field", ref.field, "a scalar field (not an "
                    + "object or a list)", null);
            return;
        }
        if (target instanceof Fields.RefField) {
            resolve((Fields.RefField) target, visiting);
        }
        if (target.type == null) {
            return; // reported at the target, or part of a cycle reported below
        }
        ref.target = target;
        ref.type = target.type;
        ref.nullable = ref.nullable || target.nullable;
        ref.count = parent.count;
        ref.domainIndex = parent.index;
        if (ref.zipfPick) {
            ref.zipf = new Zipf(parent.count, ref.exponent);
        }
    }

    private static List<String> refNames(PendingStruct struct) {
        List<String> names = new ArrayList<>();
        for (Field field : struct.fields) {
            if (field instanceof Fields.RefField) {
                names.add(field.name);
            }
        }
        return names;
    }

    /** Rejects domains that refer to themselves, directly or through others. */
    private void checkCycles() {
        Map<DomainPlan, Set<DomainPlan>> edges = new LinkedHashMap<>();
        for (Fields.RefField ref : refs) {
            DomainPlan parent = byName.get(ref.domain);
            if (parent != null) {
                edges.computeIfAbsent(refOwner.get(ref), d -> new LinkedHashSet<>()).add(parent);
            }
        }
        for (Fields.RefField ref : refs) {
            DomainPlan owner = refOwner.get(ref);
            DomainPlan parent = byName.get(ref.domain);
            if (parent == null) {
                continue;
            }
            List<String> path = new ArrayList<>();
            if (reaches(parent, owner, edges, new LinkedHashSet<>(), path)) {
                problems.add(refParams.get(ref).get("domain").location(), ref.path + ".domain", ref.domain,
                        "references without a cycle (" + owner.name + " -> " + String.join(" -> ", path) + ")", null);
                ref.target = null;
            }
        }
        for (Map.Entry<DomainPlan, Set<DomainPlan>> entry : edges.entrySet()) {
            entry.getKey().parents = entry.getValue().stream().mapToInt(d -> d.index).toArray();
        }
    }

    private static boolean reaches(DomainPlan from, DomainPlan to, Map<DomainPlan, Set<DomainPlan>> edges,
            Set<DomainPlan> seen, List<String> path) {
        path.add(from.name);
        if (from == to) {
            return true;
        }
        if (seen.add(from)) {
            for (DomainPlan next : edges.getOrDefault(from, Set.of())) {
                if (reaches(next, to, edges, seen, path)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    /** Compiles the templates and expressions of one object and orders its fields by their dependencies. */
    private void compileDependencies(PendingStruct struct) {
        for (Map.Entry<Field, Node> entry : struct.deferred.entrySet()) {
            Field field = entry.getKey();
            Node node = entry.getValue();
            String text = (String) node.value();
            if (field instanceof Fields.TemplateField) {
                template((Fields.TemplateField) field, text, node, struct);
            } else {
                List<Field> dependencies = new ArrayList<>();
                Fields.ExprField expr = (Fields.ExprField) field;
                try {
                    expr.expr = Expr.compile(text, new Expr.Scope() {
                        @Override
                        public Field field(String path) {
                            return lookup(struct, path);
                        }

                        @Override
                        public List<String> names() {
                            List<String> names = new ArrayList<>(struct.names());
                            names.addAll(struct.failed);
                            return names;
                        }

                        @Override
                        public boolean failed(String name) {
                            return struct.failed.contains(name);
                        }
                    }, dependencies);
                    FieldType.Kind kind = expr.type.kind();
                    if ((kind == FieldType.Kind.INT || kind == FieldType.Kind.LONG)
                            && (!expr.expr.exact || expr.expr.scale != 0)) {
                        problems.bad(node, field.path, "a whole-number expression for type "
                                + kind.name().toLowerCase(java.util.Locale.ROOT) + " (this one has "
                                + (expr.expr.exact ? "decimals" : "a division or double operands")
                                + "; declare type: decimal or double)");
                    }
                    expr.dependencies = dependencies;
                } catch (Expr.ParseException e) {
                    if (!e.silent) {
                        problems.add(node.location(), field.path, text, e.getMessage(), e.suggestion);
                    }
                }
            }
        }
        List<Field> order = new ArrayList<>();
        Set<Field> done = new LinkedHashSet<>();
        Set<Field> active = new LinkedHashSet<>();
        for (Field field : struct.fields) {
            visit(field, order, done, active, struct);
        }
        RecordSchema.Builder schema = RecordSchema.builder(struct.name);
        for (Field field : struct.fields) {
            if (field instanceof Fields.ArrayField && field.type == null) {
                Field items = ((Fields.ArrayField) field).items;
                field.type = items.type == null ? null : FieldType.list(items.type);
            }
            if (field.type != null) {
                schema.field(field.name, field.type, field.nullable, field.doc);
            }
        }
        struct.compiled = new Struct(struct.fields, order, schema.build());
        if (struct.owner != null) {
            struct.owner.struct = struct.compiled;
            struct.owner.type = FieldType.struct(struct.compiled.schema);
        }
    }

    private static Field lookup(PendingStruct struct, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return struct.field(path);
        }
        return null;
    }

    private void visit(Field field, List<Field> order, Set<Field> done, Set<Field> active, PendingStruct struct) {
        if (done.contains(field)) {
            return;
        }
        if (!active.add(field)) {
            List<String> names = new ArrayList<>();
            for (Field f : active) {
                names.add(f.name);
            }
            problems.add(field.location, field.path, field.name, "templates and expressions without a cycle ("
                    + String.join(" -> ", names) + " -> " + field.name + ")", null);
            return;
        }
        for (Field dependency : field.dependencies) {
            visit(dependency, order, done, active, struct);
        }
        active.remove(field);
        if (done.add(field)) {
            order.add(field);
        }
    }

    private void template(Fields.TemplateField field, String text, Node node, PendingStruct struct) {
        List<Object> parts = new ArrayList<>();
        List<Field> dependencies = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int at = 0;
        StringBuilder literal = new StringBuilder();
        while (matcher.find()) {
            literal.append(text, at, matcher.start());
            at = matcher.end();
            String match = matcher.group();
            if (match.equals("{{")) {
                literal.append('{');
                continue;
            }
            if (match.equals("}}")) {
                literal.append('}');
                continue;
            }
            String name = matcher.group(1).strip();
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            if (name.equals("seq") && struct.field("seq") == null) {
                parts.add(null);
                continue;
            }
            Field target = struct.field(name);
            if (target == null && struct.failed.contains(name)) {
                continue;
            }
            if (target == null) {
                List<String> names = new ArrayList<>(struct.names());
                names.addAll(struct.failed);
                names.add("seq");
                problems.add(node.location(), field.path, text, "placeholders naming {seq} or a field of the same "
                        + "object ('" + name + "' is not one)", Problems.suggest(name, names));
                continue;
            }
            if (target instanceof Fields.ObjectField || target instanceof Fields.ArrayField) {
                problems.add(node.location(), field.path, text, "placeholders naming scalar fields ('" + name
                        + "' is an object or a list)", null);
                continue;
            }
            parts.add(target);
            if (!dependencies.contains(target)) {
                dependencies.add(target);
            }
        }
        literal.append(text.substring(at));
        if (literal.indexOf("{") >= 0 || literal.indexOf("}") >= 0) {
            problems.add(node.location(), field.path, text, "balanced braces: {field}, {seq}, and {{ or }} for a "
                    + "literal brace", null);
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        field.parts = parts.toArray();
        field.dependencies = dependencies;
    }

    /** Numbers the fields of a domain, builds the nested types and the schema. */
    private void finish(DomainPlan domain) {
        PendingStruct root = rootStructs.get(domain);
        List<Field> all = new ArrayList<>();
        number(root, all);
        domain.allFields = all;
        domain.root = root.compiled;
        domain.schema = root.compiled.schema;
    }

    private void number(PendingStruct struct, List<Field> all) {
        for (Field field : struct.fields) {
            number(field, all);
        }
    }

    private void number(Field field, List<Field> all) {
        field.id = all.size();
        all.add(field);
        if (field instanceof Fields.ArrayField) {
            number(((Fields.ArrayField) field).items, all);
        } else if (field instanceof Fields.ObjectField && ((Fields.ObjectField) field).struct != null) {
            for (Field nested : ((Fields.ObjectField) field).struct.fields) {
                number(nested, all);
            }
        }
    }

    /** Binds the nested types bottom-up: called for every struct once all are compiled. */
    private static List<Field> closure(Field target) {
        List<Field> order = new ArrayList<>();
        collect(target, order, new LinkedHashSet<>());
        return order;
    }

    private static void collect(Field field, List<Field> order, Set<Field> seen) {
        if (!seen.add(field)) {
            return;
        }
        for (Field dependency : field.dependencies) {
            collect(dependency, order, seen);
        }
        order.add(field);
    }
}
