package dev.dataemulator.parquet.internal;

import dev.dataemulator.avro.AvroSchemas;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Maps a {@link RecordSchema} to a Parquet schema: strings and UUIDs as {@code BINARY (STRING)}, INT as
 * {@code INT32}, LONG as {@code INT64}, DOUBLE, BOOLEAN, DECIMAL(p,s) as {@code INT32 (DECIMAL(p,s))} up to 9 digits
 * and {@code INT64 (DECIMAL(p,s))} up to 18 (the smallest type that holds p digits, as the Parquet format advises), TIMESTAMP as
 * {@code INT64 (TIMESTAMP(MICROS, UTC))}, DATE as {@code INT32 (DATE)}, structs as groups and lists as the standard
 * three-level {@code LIST}. Nullable fields are {@code OPTIONAL}, the others {@code REQUIRED}.
 */
public final class ParquetSchemas {
    /** The envelope's fields, as the JSON envelope names them. */
    static final String EMULATION_ID = AvroSchemas.EMULATION_ID;
    static final String TIMESTAMP = AvroSchemas.TIMESTAMP;
    static final String DATA = AvroSchemas.DATA;

    private ParquetSchemas() {
    }

    /**
     * @param schema the record's schema
     * @param envelope whether records carry the envelope {@code {emulation_id, timestamp, data}}
     * @return the Parquet message type
     */
    public static MessageType messageType(RecordSchema schema, boolean envelope) {
        List<Type> fields = envelope ? List.of(
                Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(EMULATION_ID),
                Types.required(PrimitiveTypeName.INT64).named(TIMESTAMP),
                new GroupType(Repetition.REQUIRED, DATA, fields(schema))) : fields(schema);
        return new MessageType(schema.name(), fields);
    }

    /**
     * The columns written without a dictionary: UUIDs, timestamps, doubles and decimals, whose values rarely repeat.
     * A dictionary only grows for them until Parquet gives up on it (at the dictionary page size, in every row group)
     * and re-encodes the column plainly: a cost paid for every record, for no gain in size. Strings, ints, longs,
     * dates and booleans (countries, statuses, ids from a small set, days) keep it.
     *
     * @return the dotted column paths, as {@code ParquetWriter.Builder#withDictionaryEncoding(String, boolean)}
     *     takes them
     */
    public static List<String> columnsWithoutDictionary(RecordSchema schema, boolean envelope) {
        List<String> paths = new ArrayList<>();
        collectWithoutDictionary(schema, envelope ? DATA + "." : "", paths);
        return paths;
    }

    private static void collectWithoutDictionary(RecordSchema schema, String prefix, List<String> paths) {
        for (RecordSchema.Field field : schema.fields()) {
            collectWithoutDictionary(field.type(), prefix + field.name(), paths);
        }
    }

    private static void collectWithoutDictionary(FieldType type, String path, List<String> paths) {
        switch (type.kind()) {
            case UUID, TIMESTAMP, DOUBLE, DECIMAL -> paths.add(path);
            case STRUCT -> collectWithoutDictionary(type.fields(), path + ".", paths);
            case LIST -> collectWithoutDictionary(type.element(), path + ".list.element", paths);
            default -> {
                // keeps its dictionary
            }
        }
    }

    /**
     * @param precision a decimal's digits, 1 to 18
     * @return {@code INT32} up to 9 digits, {@code INT64} beyond: the smallest physical type that holds them
     */
    public static PrimitiveTypeName decimalPhysicalType(int precision) {
        return precision <= 9 ? PrimitiveTypeName.INT32 : PrimitiveTypeName.INT64;
    }

    private static List<Type> fields(RecordSchema schema) {
        List<Type> fields = new ArrayList<>();
        for (RecordSchema.Field field : schema.fields()) {
            fields.add(type(field.type(), field.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED,
                    field.name()));
        }
        return fields;
    }

    private static Type type(FieldType type, Repetition repetition, String name) {
        switch (type.kind()) {
            case STRING:
            case UUID:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(name);
            case INT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case LONG:
                return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case DECIMAL:
                return Types.primitive(decimalPhysicalType(type.precision()), repetition)
                        .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision())).named(name);
            case TIMESTAMP:
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
            case DATE:
                return Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.dateType()).named(name);
            case STRUCT:
                return new GroupType(repetition, name, fields(type.fields()));
            case LIST:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                        .addField(new GroupType(Repetition.REPEATED, "list",
                                type(type.element(), Repetition.REQUIRED, "element")))
                        .named(name);
            default:
                throw new IllegalArgumentException("unsupported field type " + type);
        }
    }
}
