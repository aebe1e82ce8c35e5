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
            "timestamp", "ref", "object", "array", "expr", "state", "child_index", "cases");
    /** Keys allowed next to any generator. */
    public static final List<String> MODIFIERS = List.of("null_rate", "doc");
    private static final List<String> EXPR_KEYS = List.of("type", "scale", "precision");
    private static final List<String> TOP_KEYS = List.of("version", "domains");
    private static final List<String> DOMAIN_KEYS = List.of("resource", "key", "count", "doc", "fields",
            "lifecycle", "faults", "locale");
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
        for (DomainPlan plan : domains) {
            childCount(plan, new LinkedHashSet<>());
        }
        pendingUniques();
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
        boolean grouped = hasPerParent(node.get("fields"));
        DomainPlan plan = new DomainPlan(name, domains.size(), resource, grouped ? DomainPlan.PENDING
                : count == null ? -1 : count, doc);
        if (grouped) {
            declaredCounts.put(plan, count == null ? null : node.get("count"));
        }
        if (params.has("locale")) {
            java.util.Locale locale = values.locale(params, "locale");
            plan.locale = locale == null ? plan.locale : locale;
        }
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
        perParent(plan, root, node.get("lifecycle"));
        lifecycle(node.get("lifecycle"), path, plan, key != null, root);
    }

    // ---------------------------------------------------------------------------------------------- per_parent

    /** The {@code count} nodes given next to a per_parent ref (null when none was given), by domain. */
    private final Map<DomainPlan, Node> declaredCounts = new HashMap<>();
    private final Map<Fields.ChildIndexField, DomainPlan> childIndexFields = new LinkedHashMap<>();
    private final Map<Fields.UniqueField, DomainPlan> pendingUniques = new LinkedHashMap<>();

    /** @return whether a top-level field of {@code fields} is a ref with per_parent (read before the fields) */
    private static boolean hasPerParent(Node fields) {
        if (fields == null || !fields.isMap()) {
            return false;
        }
        for (Node field : fields.entries().values()) {
            Node ref = field.isMap() ? field.get("ref") : null;
            if (ref != null && ref.isMap() && ref.get("per_parent") != null) {
                return true;
            }
        }
        return false;
    }

    /** Binds the domain's per_parent ref (one at most) and checks its child_index fields. */
    private void perParent(DomainPlan plan, PendingStruct root, Node lifecycle) {
        for (Field field : root.fields) {
            if (field instanceof Fields.RefField && ((Fields.RefField) field).perParent != null) {
                if (plan.perParent != null) {
                    Node perParent = refParams.get(field).get("per_parent");
                    problems.add(perParent.location(), field.path + ".per_parent", perParent.text(), "one ref with "
                            + "per_parent per domain (the records are already grouped by '" + plan.perParent.name
                            + "')", null);
                } else {
                    plan.perParent = (Fields.RefField) field;
                }
            }
        }
        if (plan.perParent != null && lifecycle != null) {
            problems.add(lifecycle.location(), "domains." + plan.name + ".lifecycle", null, "no lifecycle in a "
                    + "domain grouped by per_parent (a lifecycle's entities are its count, given up front)", null);
        }
        for (Map.Entry<Fields.ChildIndexField, DomainPlan> entry : childIndexFields.entrySet()) {
            if (entry.getValue() == plan && plan.count != DomainPlan.PENDING) {
                Fields.ChildIndexField field = entry.getKey();
                problems.add(field.location, field.path, null, "child_index in a domain whose "
                        + "records are grouped by parent: a top-level ref with per_parent", null);
            }
        }
    }

    /**
     * Sets the count of a per_parent domain from its parent's: exact for a whole number of children per parent,
     * else the most records there can be (the records of a seed are counted when the domain is bound).
     *
     * @return the count, or a negative number when it cannot be known (problems reported elsewhere)
     */
    private long childCount(DomainPlan plan, Set<DomainPlan> visiting) {
        Fields.RefField ref = plan.perParent;
        if (plan.count != DomainPlan.PENDING || ref == null) {
            return plan.count;
        }
        DomainPlan parent = byName.get(ref.domain);
        if (parent == null || !visiting.add(plan)) {
            return plan.count; // an unknown domain or a cycle: reported by resolve and checkCycles
        }
        long parentCount = childCount(parent, visiting);
        if (parentCount < 0) {
            return plan.count;
        }
        long most = (long) ref.perParent.max();
        boolean exact = ref.perParent.min() == ref.perParent.max() && parent.countKnown;
        long count;
        try {
            count = Math.multiplyExact(parentCount, most);
        } catch (ArithmeticException e) {
            count = -1;
        }
        String path = "domains." + plan.name + ".count";
        if (count < 0 || (!exact && parentCount >= Integer.MAX_VALUE)) {
            problems.add(ref.location, ref.path + ".per_parent", null, "a number of children that fits: "
                    + (exact ? "count × per_parent must fit in a long" : "a per_parent range needs a parent with "
                    + "fewer than " + Integer.MAX_VALUE + " records"), null);
            return plan.count;
        }
        Node declared = declaredCounts.get(plan);
        if (declared != null && !(exact && (Long) declared.value() == count)) {
            problems.add(declared.location(), path, declared.text(), exact ? "count " + count + " (domain '"
                    + parent.name + "' has " + parentCount + " records × per_parent " + most + "), or no count: "
                    + "it follows from the parent" : "no count: with per_parent {min, max} the number of children "
                    + "follows from the seed (at most " + count + ")", null);
        }
        plan.count = count;
        plan.countKnown = exact;
        return count;
    }

    /** Gives the unique fields of per_parent domains their range, now that the domains' counts are known. */
    private void pendingUniques() {
        for (Map.Entry<Fields.UniqueField, DomainPlan> entry : pendingUniques.entrySet()) {
            Fields.UniqueField field = entry.getKey();
            long count = entry.getValue().count;
            if (count < 0) {
                continue;
            }
            if (field.range < 0) {
                field.range = count;
            } else if (field.range < count) {
                problems.add(field.location, field.path + ".max", String.valueOf(field.min + field.range - 1),
                        "a range of at least count (" + count + ") values, but [" + field.min + ", "
                                + (field.min + field.range - 1) + "] holds " + field.range, null);
            }
        }
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
            case "unique": {
                Field unique = values.unique(name, params, path, seedPath, at, struct.domain.count, inArray);
                if (unique != null && struct.domain.count == DomainPlan.PENDING) {
                    pendingUniques.put((Fields.UniqueField) unique, struct.domain);
                }
                return unique;
            }
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
                return values.faker(name, params, path, seedPath, at, struct.domain.locale);
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
            case "timestamp": {
                Field time = times.time(generator, name, params, path, seedPath, at);
                if (time instanceof Fields.AfterField) {
                    struct.deferred.put(time, params.get("after")); // its field is read once the object is known
                }
                return time;
            }
            case "ref":
                return ref(name, params, path, seedPath, at, struct, inArray);
            case "cases":
                return cases(name, params, path, seedPath, at, struct, inArray);
            case "child_index": {
                Params p = new Params(params, at, path, problems, List.of());
                if (!p.ok()) {
                    return null;
                }
                Fields.ChildIndexField field = new Fields.ChildIndexField(name, seedPath, path, at);
                childIndexFields.put(field, struct.domain);
                return field;
            }
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
            PendingStruct struct, boolean inArray) {
        Params p = new Params(params, at, path, problems, List.of("domain", "field", "pick", "exponent", "same_as",
                "per_parent"));
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
        Distribution perParent = null;
        if (p.has("per_parent")) {
            if (struct.owner != null || inArray) {
                problems.add(p.get("per_parent").location(), p.path("per_parent"), p.get("per_parent").text(),
                        "per_parent on a top-level ref (it groups the domain's records by parent)", null);
            } else if (sameAs != null || p.has("pick")) {
                problems.bad(p.get("per_parent"), p.path("per_parent"), "no pick, exponent or same_as with "
                        + "per_parent (each parent's children are laid out in turn)");
            } else {
                perParent = size(p, "per_parent");
                if (perParent != null && perParent.max() < 1) {
                    problems.bad(p.get("per_parent"), p.path("per_parent"), "children per parent with a max of "
                            + "at least 1 (per_parent 0 leaves the domain without records)");
                    perParent = null;
                }
            }
        }
        if (domain == null || field == null || !p.ok()) {
            return null;
        }
        Fields.RefField ref = new Fields.RefField(name, seedPath, path, at, domain, field, pick.equals("zipf"),
                exponent, sameAs, perParent);
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
        Distribution size = p.has("size") ? size(p, "size") : new Distribution(Distribution.Shape.UNIFORM, 1, 5, 0,
                0);
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

    private Field cases(String name, Node params, String path, String seedPath, Node.Location at,
            PendingStruct struct, boolean inArray) {
        String expected = "a list of cases {when: condition, then: field} ending with {else: field}, e.g. [{when: "
                + "\"is_fraud\", then: {decimal: {min: 500, max: 5000}}}, {else: {decimal: {min: 1, max: 200}}}]";
        if (params == null || !params.isList() || params.items().size() < 2) {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    expected, null);
            return null;
        }
        int before = problems.size();
        List<Node> items = params.items();
        Field[] branches = new Field[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "[" + i + "]";
            boolean last = i == items.size() - 1;
            Params ip = new Params(item, item.location(), itemPath, problems, last ? List.of("else")
                    : List.of("when", "then"));
            String key = last ? "else" : "then";
            if (!ip.has(key)) {
                ip.missing(key, last ? "the last case: {else: field}, the value when no condition holds"
                        : "{when: condition, then: field}");
                continue;
            }
            if (!last && ip.string("when", null) == null && !ip.has("when")) {
                ip.missing("when", "a condition over the fields of the record, e.g. \"amount > 100\"");
            }
            Field branch = field(name, ip.get(key), ip.path(key), seedPath + "#" + i, struct, inArray, false);
            if (branch instanceof Fields.ObjectField || branch instanceof Fields.ArrayField) {
                problems.bad(ip.get(key), ip.path(key), "a generator of single values in a case (not an object "
                        + "or a list)");
            }
            branches[i] = branch;
        }
        if (problems.size() != before) {
            return null;
        }
        Fields.CasesField field = new Fields.CasesField(name, seedPath, path, at, branches);
        struct.deferred.put(field, params);
        return field;
    }

    /** Gives a {@code cases} field the one type of its branches. */
    private void casesType(Fields.CasesField field, Node node) {
        FieldType type = null;
        for (int i = 0; i < field.branches.length; i++) {
            Field branch = field.branches[i];
            field.nullable = field.nullable || branch.nullable;
            if (branch.type == null) {
                return; // reported at the branch
            }
            if (type == null) {
                type = branch.type;
            } else if (type.kind() == FieldType.Kind.DECIMAL && branch.type.kind() == FieldType.Kind.DECIMAL
                    && type.scale() == branch.type.scale()) {
                type = FieldType.decimal(Math.max(type.precision(), branch.type.precision()), type.scale());
            } else if (!type.equals(branch.type)) {
                Node item = node.items().get(i);
                String key = i == field.branches.length - 1 ? "else" : "then";
                problems.add(item.get(key).location(), field.path + "[" + i + "]." + key, item.get(key).text(),
                        "branches of one type (the first is " + type + ", this one " + branch.type + ")", null);
                return;
            }
        }
        field.type = type;
    }

    /** Compiles the conditions of a {@code cases} field; it reads their fields and its branches'. */
    private void conditions(Fields.CasesField field, Node node, PendingStruct struct) {
        List<Field> dependencies = new ArrayList<>();
        field.conditions = new Expr[field.branches.length - 1];
        for (int i = 0; i < field.conditions.length; i++) {
            Node when = node.items().get(i).get("when");
            String path = field.path + "[" + i + "].when";
            String text = (String) when.value();
            try {
                field.conditions[i] = Expr.compile(text, scope(struct), dependencies);
                if (field.conditions[i].kind != Expr.Kind.BOOLEAN) {
                    problems.add(when.location(), path, text, "a condition: a boolean expression such as "
                            + "\"is_fraud\", \"amount > 100\" or \"country in ['DE', 'FR'] and not vip\" (this one "
                            + "makes a " + field.conditions[i].kind.name().toLowerCase(java.util.Locale.ROOT) + ")",
                            null);
                }
            } catch (Expr.ParseException e) {
                if (!e.silent) {
                    problems.add(when.location(), path, text, e.getMessage(), e.suggestion);
                }
            }
        }
        for (Field branch : field.branches) {
            for (Field dependency : branch.dependencies) {
                if (!dependencies.contains(dependency)) {
                    dependencies.add(dependency);
                }
            }
        }
        field.dependencies = dependencies;
    }

    /** Reads a size (array elements, children per parent): a whole number or {min, max, distribution}. */
    private Distribution size(Params p, String key) {
        Node sizeNode = p.get(key);
        if (sizeNode.kind() == Node.Kind.INTEGER) {
            long n = (Long) sizeNode.value();
            if (n < 0 || n > MAX_ARRAY_SIZE) {
                problems.bad(sizeNode, p.path(key), "a size between 0 and " + MAX_ARRAY_SIZE);
                return null;
            }
            return new Distribution(Distribution.Shape.UNIFORM, n, n, 0, 0);
        }
        if (sizeNode.isMap()) {
            Params sp = new Params(sizeNode, sizeNode.location(), p.path(key), problems, List.of("min", "max",
                    "distribution", "mean", "stddev", "mu", "sigma", "exponent", "lambda"));
            return values.distribution("size", sp, sizeNode.location());
        }
        problems.bad(sizeNode, p.path(key), "a size: a whole number or {min, max} (optionally with a "
                + "distribution)");
        return null;
    }

    private Field expr(String name, Node params, String path, String seedPath, Node.Location at,
            PendingStruct struct, Node fieldNode, String fieldPath) {
        if (params == null || params.kind() != Node.Kind.STRING || ((String) params.value()).isBlank()) {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    "an arithmetic expression such as \"qty * unit_price\" or \"sum(lines.qty)\"", null);
            return null;
        }
        Params p = new Params(fieldNode, at, fieldPath, problems, fieldNode.entries().keySet());
        String typeName = p.choice("type", null, new LinkedHashSet<>(List.of("int", "long", "double", "decimal",
                "boolean", "date", "timestamp")));
        if (typeName == null) {
            if (!p.has("type")) {
                p.missing("type", "the result type: int, long, double, decimal, boolean, date or timestamp");
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
            field.type = switch (typeName) {
                case "int" -> FieldType.INT;
                case "long" -> FieldType.LONG;
                case "boolean" -> FieldType.BOOLEAN;
                case "date" -> FieldType.DATE;
                case "timestamp" -> FieldType.TIMESTAMP;
                default -> FieldType.DOUBLE;
            };
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
        if (parent.count < 0 && ref.perParent != null) {
            problems.add(params.get("per_parent").location(), ref.path + ".per_parent", params.get("per_parent")
                    .text(), "per_parent over a finite parent: give domain '" + ref.domain + "' a count (its "
                    + "records 0..count-1 get their children in turn)", null);
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
        ref.domainIndex = parent.index;
        ref.count = parent.countKnown ? parent.count : 0;
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
            if (entry.getKey() instanceof Fields.CasesField) { // typed first: expressions may read them
                casesType((Fields.CasesField) entry.getKey(), entry.getValue());
            }
        }
        for (Map.Entry<Field, Node> entry : struct.deferred.entrySet()) {
            Field field = entry.getKey();
            Node node = entry.getValue();
            String text = node.kind() == Node.Kind.STRING ? (String) node.value() : null;
            if (field instanceof Fields.TemplateField) {
                template((Fields.TemplateField) field, text, node, struct);
            } else if (field instanceof Fields.AfterField) {
                after((Fields.AfterField) field, node, struct);
            } else if (field instanceof Fields.CasesField) {
                conditions((Fields.CasesField) field, node, struct);
            } else {
                List<Field> dependencies = new ArrayList<>();
                Fields.ExprField expr = (Fields.ExprField) field;
                try {
                    expr.expr = Expr.compile(text, scope(struct), dependencies);
                    FieldType.Kind kind = expr.type.kind();
                    Expr.Kind made = expr.expr.kind;
                    Expr.Kind wanted = switch (kind) {
                        case BOOLEAN -> Expr.Kind.BOOLEAN;
                        case DATE -> Expr.Kind.DATE;
                        case TIMESTAMP -> made == Expr.Kind.DATE ? Expr.Kind.DATE : Expr.Kind.TIMESTAMP;
                        default -> Expr.Kind.NUMBER;
                    };
                    if (made != wanted) {
                        problems.bad(node, field.path, "an expression of type " + kind.name().toLowerCase(
                                java.util.Locale.ROOT) + " (this one makes a " + made.name().toLowerCase(
                                java.util.Locale.ROOT) + ")");
                    } else if ((kind == FieldType.Kind.INT || kind == FieldType.Kind.LONG)
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

    /** Binds an {@code after} to the date or timestamp field of the same object it comes after. */
    private void after(Fields.AfterField field, Node node, PendingStruct struct) {
        Node at = node.get("field");
        Field target = struct.field(field.fieldName);
        if (target == null) {
            if (!struct.failed.contains(field.fieldName)) {
                List<String> names = new ArrayList<>(struct.names());
                names.remove(field.name);
                problems.add(at.location(), field.path + ".after.field", field.fieldName, "a date or timestamp "
                        + "field of the same object", Problems.suggest(field.fieldName, names));
            }
            return;
        }
        FieldType.Kind kind = target.type == null ? null : target.type.kind();
        if (kind != FieldType.Kind.DATE && kind != FieldType.Kind.TIMESTAMP) {
            if (target.type != null || !(target instanceof Fields.RefField)) {
                problems.add(at.location(), field.path + ".after.field", field.fieldName, "a date or timestamp "
                        + "field of the same object ('" + field.fieldName + "' is " + (target.type == null
                        ? "not a scalar" : target.type) + ")", null);
            }
            return;
        }
        field.target = target;
        field.dependencies = List.of(target);
        field.nullable = field.nullable || target.nullable;
    }

    /** @return how the names of an expression or condition resolve: the fields of {@code struct} */
    private static Expr.Scope scope(PendingStruct struct) {
        return new Expr.Scope() {
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
        };
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
            problems.add(field.location, field.path, field.name, "fields that read each other (templates, "
                    + "expressions, after, cases) without a cycle ("
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
        } else if (field instanceof Fields.CasesField) {
            for (Field branch : ((Fields.CasesField) field).branches) {
                number(branch, all);
            }
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
