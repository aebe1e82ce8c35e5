package dev.dataemulator.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Writes a {@link RecordSchema} as Avro and JSON Schema text with Jackson's tree model (no Avro at run time). */
final class SchemaExport {
    static final String AVRO_NAMESPACE = "dev.dataemulator.records";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaExport() {
    }

    static String avro(RecordSchema schema, boolean envelope) {
        Map<String, RecordSchema> named = new HashMap<>();
        ObjectNode record = avroRecord(schema, named);
        if (!envelope) {
            return text(record);
        }
        ObjectNode wrapper = NODES.objectNode();
        wrapper.put("type", "record");
        wrapper.put("name", unique(avroName(schema.name()) + "_envelope", null, named));
        wrapper.put("namespace", AVRO_NAMESPACE);
        wrapper.put("doc", "The envelope of a '" + schema.name() + "' record");
        ArrayNode fields = wrapper.putArray("fields");
        fields.addObject().put("name", "emulation_id").put("type", "string");
        fields.addObject().put("name", "timestamp").put("type", "long")
                .put("doc", "when the record was made, epoch seconds");
        record.remove("namespace");
        fields.addObject().put("name", "data").set("type", record);
        // the record was named first, the envelope's name must not collide with it: both live in one name space
        return text(wrapper);
    }

    private static ObjectNode avroRecord(RecordSchema schema, Map<String, RecordSchema> named) {
        ObjectNode record = NODES.objectNode();
        record.put("type", "record");
        record.put("name", unique(avroName(schema.name()), schema, named));
        if (named.size() == 1) {
            record.put("namespace", AVRO_NAMESPACE);
        }
        ArrayNode fields = record.putArray("fields");
        for (RecordSchema.Field field : schema.fields()) {
            ObjectNode node = fields.addObject();
            node.put("name", field.name());
            if (!field.doc().isEmpty()) {
                node.put("doc", field.doc());
            }
            var type = avroType(field.type(), named);
            if (field.nullable()) {
                ArrayNode union = node.putArray("type");
                union.add("null");
                union.add(type);
                node.putNull("default");
            } else {
                node.set("type", type);
            }
        }
        return record;
    }

    private static com.fasterxml.jackson.databind.JsonNode avroType(FieldType type, Map<String, RecordSchema> named) {
        switch (type.kind()) {
            case STRING:
                return NODES.textNode("string");
            case INT:
                return NODES.textNode("int");
            case LONG:
                return NODES.textNode("long");
            case DOUBLE:
                return NODES.textNode("double");
            case BOOLEAN:
                return NODES.textNode("boolean");
            case DECIMAL:
                return NODES.objectNode().put("type", "bytes").put("logicalType", "decimal")
                        .put("precision", type.precision()).put("scale", type.scale());
            case TIMESTAMP:
                return NODES.objectNode().put("type", "long").put("logicalType", "timestamp-micros");
            case DATE:
                return NODES.objectNode().put("type", "int").put("logicalType", "date");
            case UUID:
                return NODES.objectNode().put("type", "string").put("logicalType", "uuid");
            case STRUCT: {
                RecordSchema nested = type.fields();
                String existing = find(nested, named);
                return existing != null ? NODES.textNode(existing) : avroRecord(nested, named);
            }
            case LIST: {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", avroType(type.element(), named));
                return array;
            }
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
    }

    /** @return the name an identical struct was already defined under, to refer to it (Avro defines a name once) */
    private static String find(RecordSchema schema, Map<String, RecordSchema> named) {
        for (Map.Entry<String, RecordSchema> entry : named.entrySet()) {
            if (schema.equals(entry.getValue())) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static String unique(String base, RecordSchema schema, Map<String, RecordSchema> named) {
        String name = base;
        for (int i = 2; named.containsKey(name); i++) {
            name = base + "_" + i;
        }
        named.put(name, schema);
        return name;
    }

    private static String avroName(String name) {
        return name.replace('-', '_');
    }

    static String jsonSchema(RecordSchema schema, boolean envelope) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", schema.name() + (envelope ? " (envelope)" : ""));
        ObjectNode record = jsonObject(schema);
        if (!envelope) {
            root.setAll(record);
            return text(root);
        }
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        properties.putObject("emulation_id").put("type", "string");
        properties.putObject("timestamp").put("type", "integer").put("description", "epoch seconds");
        properties.set("data", record);
        root.putArray("required").add("emulation_id").add("timestamp").add("data");
        root.put("additionalProperties", false);
        return text(root);
    }

    private static ObjectNode jsonObject(RecordSchema schema) {
        ObjectNode object = NODES.objectNode();
        object.put("type", "object");
        ObjectNode properties = object.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordSchema.Field field : schema.fields()) {
            ObjectNode property = jsonType(field.type());
            if (field.nullable()) {
                ArrayNode types = NODES.arrayNode().add(property.get("type").asText()).add("null");
                property.set("type", types);
            }
            if (!field.doc().isEmpty()) {
                property.put("description", field.doc());
            }
            properties.set(field.name(), property);
            required.add(field.name());
        }
        object.set("required", required);
        object.put("additionalProperties", false);
        return object;
    }

    private static ObjectNode jsonType(FieldType type) {
        ObjectNode node = NODES.objectNode();
        switch (type.kind()) {
            case STRING:
                return node.put("type", "string");
            case INT:
                return node.put("type", "integer").put("minimum", Integer.MIN_VALUE)
                        .put("maximum", Integer.MAX_VALUE);
            case LONG:
                return node.put("type", "integer");
            case DOUBLE:
                return node.put("type", "number");
            case DECIMAL:
                // |value| < 10^(precision - scale); exclusive bounds keep the check exact without multipleOf on
                // binary floating point
                java.math.BigDecimal bound = java.math.BigDecimal.TEN.pow(type.precision() - type.scale());
                return node.put("type", "number").put("exclusiveMinimum", bound.negate())
                        .put("exclusiveMaximum", bound);
            case BOOLEAN:
                return node.put("type", "boolean");
            case TIMESTAMP:
                return node.put("type", "string").put("format", "date-time");
            case DATE:
                return node.put("type", "string").put("format", "date");
            case UUID:
                return node.put("type", "string").put("format", "uuid");
            case STRUCT:
                return jsonObject(type.fields());
            case LIST:
                node.put("type", "array");
                node.set("items", jsonType(type.element()));
                return node;
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
    }

    private static String text(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
