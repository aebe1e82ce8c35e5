package dev.dataemulator.declarative.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML or JSON text into {@link Node}s that remember their line and column. Duplicate keys are reported as
 * problems rather than silently keeping one of the values; a syntax error is one problem with its position.
 */
public final class TreeReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();

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
        boolean json = text.stripLeading().startsWith("{");
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Node.Location(source, 1, 1), "", null, "a definition: the text is empty", null);
                return null;
            }
            return reader.value(parser, "");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Node.Location(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()),
                    "", null, "valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage(), null);
            return null;
        } catch (IOException e) {
            problems.add(new Node.Location(source, 0, 0), "", null, "readable text: " + e.getMessage(), null);
            return null;
        }
    }

    private Node value(JsonParser parser, String path) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        Node.Location location = new Node.Location(source, at.getLineNr(), at.getColumnNr());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Node.Location> keys = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    Node.Location keyLocation = new Node.Location(source, keyAt.getLineNr(), keyAt.getColumnNr());
                    parser.nextToken();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    Node child = value(parser, childPath);
                    if (entries.containsKey(key)) {
                        problems.add(keyLocation, childPath, key, "each key once in a map (first written at "
                                + keys.get(key) + ")", null);
                        continue;
                    }
                    entries.put(key, child);
                    keys.put(key, keyLocation);
                }
                return Node.map(entries, keys, location);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser, path + "[" + items.size() + "]"));
                }
                return Node.list(items, location);
            }
            case VALUE_STRING:
                return Node.scalar(parser.getText(), location);
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return Node.scalar(parser.getDecimalValue(), location);
                }
                return Node.scalar(parser.getLongValue(), location);
            case VALUE_NUMBER_FLOAT:
                try {
                    return Node.scalar(parser.getDecimalValue(), location);
                } catch (NumberFormatException e) {
                    return Node.scalar(parser.getText(), location); // .nan, .inf: reported where a number is expected
                }
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
}
