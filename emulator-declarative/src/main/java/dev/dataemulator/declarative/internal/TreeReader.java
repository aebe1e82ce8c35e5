package dev.dataemulator.declarative.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML or JSON text into {@link Node}s that remember their line and column. Duplicate keys are reported as
 * problems rather than silently keeping one of the values; a syntax error is one problem with its position.
 *
 * <p>YAML is read with SnakeYAML Engine (YAML 1.2, core schema: {@code true}/{@code false}, {@code null}/{@code ~},
 * decimal, {@code 0x} and {@code 0o} integers, {@code .inf}/{@code .nan}), not with Jackson's YAML module: that
 * module must match the application's jackson-core exactly, and Spark 3.5 brings its own older Jackson line. JSON is
 * read with jackson-core's streaming parser, whose API is the same on every Jackson 2 line.
 */
public final class TreeReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final String source;
    private final Problems problems;

    private TreeReader(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /**
     * @param source the file name (or {@code <string>}) used in positions
     * @param text YAML or JSON (JSON is chosen when the text starts with '{')
     * @return the root node, or {@code null} after reporting a syntax error
     */
    public static Node read(String source, String text, Problems problems) {
        TreeReader reader = new TreeReader(source, problems);
        return text.stripLeading().startsWith("{") ? reader.readJson(text) : reader.readYaml(text);
    }

    private Node empty() {
        problems.add(new Node.Location(source, 1, 1), "", null, "a definition: the text is empty", null);
        return null;
    }

    private Node readYaml(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema()).build();
        Optional<org.snakeyaml.engine.v2.nodes.Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
            problems.add(location(at), "", null, "valid YAML: " + e.getProblem(), null);
            return null;
        } catch (YamlEngineException e) {
            problems.add(new Node.Location(source, 0, 0), "", null, "valid YAML: " + e.getMessage(), null);
            return null;
        }
        return root.isEmpty() ? empty() : yaml(root.get(), "", new IdentityHashMap<>());
    }

    private Node.Location location(Optional<Mark> mark) {
        // SnakeYAML counts lines and columns from 0, a Node.Location (like an editor) from 1
        return mark.map(m -> new Node.Location(source, m.getLine() + 1, m.getColumn() + 1))
                .orElseGet(() -> new Node.Location(source, 0, 0));
    }

    private Node yaml(org.snakeyaml.engine.v2.nodes.Node node, String path,
            Map<org.snakeyaml.engine.v2.nodes.Node, Boolean> open) {
        Node.Location location = location(node.getStartMark());
        if (open.put(node, Boolean.TRUE) != null) { // an alias inside the collection it names
            problems.add(location, path, null, "no alias inside the collection it refers to", null);
            return Node.scalar(null, location);
        }
        try {
            if (node instanceof MappingNode mapping) {
                Entries entries = new Entries(path);
                for (NodeTuple tuple : mapping.getValue()) {
                    Node.Location keyLocation = location(tuple.getKeyNode().getStartMark());
                    if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                        problems.add(keyLocation, path, null, "a plain key (a word), not a list or a map", null);
                        continue;
                    }
                    String key = keyNode.getValue();
                    entries.put(key, keyLocation, yaml(tuple.getValueNode(), entries.childPath(key), open));
                }
                return entries.node(location);
            }
            if (node instanceof SequenceNode sequence) {
                List<Node> items = new ArrayList<>();
                for (org.snakeyaml.engine.v2.nodes.Node item : sequence.getValue()) {
                    items.add(yaml(item, path + "[" + items.size() + "]", open));
                }
                return Node.list(items, location);
            }
            return Node.scalar(scalar((ScalarNode) node), location);
        } finally {
            open.remove(node);
        }
    }

    /** The value of a scalar as its tag (written or resolved by the core schema) says. */
    private static Object scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (Tag.INT.equals(tag)) {
            BigInteger value = integer(text);
            if (value == null) {
                return text; // an !!int tag on text that is no integer: reported where a number is expected
            }
            return value.bitLength() < 64 ? (Object) value.longValueExact() : new BigDecimal(value);
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return text; // .nan, .inf: reported where a number is expected
            }
        }
        return text;
    }

    private static BigInteger integer(String text) {
        String digits = text;
        boolean negative = false;
        if (digits.startsWith("-") || digits.startsWith("+")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        }
        try {
            BigInteger value = new BigInteger(digits, radix);
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Node readJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return empty();
            }
            return json(parser, "");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Node.Location(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()),
                    "", null, "valid JSON: " + e.getOriginalMessage(), null);
            return null;
        } catch (IOException e) {
            problems.add(new Node.Location(source, 0, 0), "", null, "readable text: " + e.getMessage(), null);
            return null;
        }
    }

    private Node json(JsonParser parser, String path) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        Node.Location location = new Node.Location(source, at.getLineNr(), at.getColumnNr());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Entries entries = new Entries(path);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    Node.Location keyLocation = new Node.Location(source, keyAt.getLineNr(), keyAt.getColumnNr());
                    parser.nextToken();
                    entries.put(key, keyLocation, json(parser, entries.childPath(key)));
                }
                return entries.node(location);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(json(parser, path + "[" + items.size() + "]"));
                }
                return Node.list(items, location);
            }
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return Node.scalar(parser.getDecimalValue(), location);
                }
                return Node.scalar(parser.getLongValue(), location);
            case VALUE_NUMBER_FLOAT:
                return Node.scalar(parser.getDecimalValue(), location);
            case VALUE_TRUE:
                return Node.scalar(Boolean.TRUE, location);
            case VALUE_FALSE:
                return Node.scalar(Boolean.FALSE, location);
            case VALUE_NULL:
                return Node.scalar(null, location);
            default:
                return Node.scalar(parser.getText(), location);
        }
    }

    /** The entries of one map as read; a key written twice is a problem (the first value is kept). */
    private final class Entries {
        private final String path;
        private final Map<String, Node> values = new LinkedHashMap<>();
        private final Map<String, Node.Location> keys = new LinkedHashMap<>();

        Entries(String path) {
            this.path = path;
        }

        String childPath(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        void put(String key, Node.Location keyLocation, Node value) {
            if (values.containsKey(key)) {
                problems.add(keyLocation, childPath(key), key, "each key once in a map (first written at "
                        + keys.get(key) + ")", null);
                return;
            }
            values.put(key, value);
            keys.put(key, keyLocation);
        }

        Node node(Node.Location location) {
            return Node.map(values, keys, location);
        }
    }
}
