package dev.dataemulator.iceberg.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;

/**
 * Maps a domain's {@link RecordSchema} to an Iceberg schema (string, int, long, double, boolean, decimal(p,s),
 * timestamptz in microseconds, date, uuid, struct, list), and an Iceberg schema to the Parquet message type of its
 * data files, every field carrying its Iceberg field id as the Iceberg specification asks.
 */
public final class IcebergSchemas {
    private IcebergSchemas() {
    }

    /**
     * @return the Iceberg schema of the domain's data fields; ids are assigned depth-first from 1 (the catalog
     *     assigns its own when it creates the table)
     */
    public static Schema schema(RecordSchema schema) {
        return new Schema(fields(schema, new AtomicInteger()));
    }

    private static List<Types.NestedField> fields(RecordSchema schema, AtomicInteger ids) {
        List<Types.NestedField> fields = new ArrayList<>();
        for (RecordSchema.Field field : schema.fields()) {
            int id = ids.incrementAndGet();
            Type type = type(field.type(), ids);
            fields.add(field.nullable() ? Types.NestedField.optional(id, field.name(), type, field.doc())
                    : Types.NestedField.required(id, field.name(), type, field.doc()));
        }
        return fields;
    }

    private static Type type(FieldType type, AtomicInteger ids) {
        return switch (type.kind()) {
            case STRING -> Types.StringType.get();
            case UUID -> Types.UUIDType.get();
            case INT -> Types.IntegerType.get();
            case LONG -> Types.LongType.get();
            case DOUBLE -> Types.DoubleType.get();
            case BOOLEAN -> Types.BooleanType.get();
            case DECIMAL -> Types.DecimalType.of(type.precision(), type.scale());
            case TIMESTAMP -> Types.TimestampType.withZone();
            case DATE -> Types.DateType.get();
            case STRUCT -> Types.StructType.of(fields(type.fields(), ids));
            case LIST -> {
                int elementId = ids.incrementAndGet();
                yield Types.ListType.ofRequired(elementId, type(type.element(), ids));
            }
        };
    }

    /**
     * Whether a table's schema can take the domain's records: every field of {@code wanted} must be in
     * {@code actual} with the same type and, when {@code actual}'s is required, required in {@code wanted} too.
     *
     * @return {@code null} when it fits, else what does not
     */
    public static String misfit(Schema actual, Schema wanted) {
        return misfit(actual.asStruct(), wanted.asStruct(), "");
    }

    private static String misfit(Types.StructType actual, Types.StructType wanted, String prefix) {
        for (Types.NestedField field : wanted.fields()) {
            Types.NestedField existing = actual.field(field.name());
            String path = prefix + field.name();
            if (existing == null) {
                return "column '" + path + "' (" + field.type() + ") is missing";
            }
            if (existing.isRequired() && field.isOptional()) {
                return "column '" + path + "' is required in the table but the domain may leave it null";
            }
            String problem = misfit(existing.type(), field.type(), path);
            if (problem != null) {
                return problem;
            }
        }
        for (Types.NestedField field : actual.fields()) {
            if (field.isRequired() && wanted.field(field.name()) == null) {
                return "required column '" + prefix + field.name() + "' is not a field of the domain";
            }
        }
        return null;
    }

    private static String misfit(Type actual, Type wanted, String path) {
        if (actual.isStructType() && wanted.isStructType()) {
            return misfit(actual.asStructType(), wanted.asStructType(), path + ".");
        }
        if (actual.isListType() && wanted.isListType()) {
            return misfit(actual.asListType().elementType(), wanted.asListType().elementType(), path + "[]");
        }
        if (!actual.equals(wanted)) {
            return "column '" + path + "' is " + actual + " in the table but " + wanted + " in the domain";
        }
        return null;
    }

    /**
     * @return the Parquet message type of the table's data files: every field and list element carries its Iceberg
     *     id; uuids are {@code FIXED_LEN_BYTE_ARRAY(16) (UUID)}, decimals {@code INT64 (DECIMAL)}, timestamps
     *     {@code INT64 (TIMESTAMP(MICROS, UTC))}, lists the standard three levels
     */
    public static MessageType messageType(Schema schema, String name) {
        return new MessageType(name, parquetFields(schema.asStruct()));
    }

    private static List<org.apache.parquet.schema.Type> parquetFields(Types.StructType struct) {
        List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
        for (Types.NestedField field : struct.fields()) {
            fields.add(parquet(field.type(), field.isOptional() ? Repetition.OPTIONAL : Repetition.REQUIRED,
                    field.name(), field.fieldId()));
        }
        return fields;
    }

    private static org.apache.parquet.schema.Type parquet(Type type, Repetition repetition, String name, int id) {
        org.apache.parquet.schema.Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> primitive;
        switch (type.typeId()) {
            case STRING -> primitive = org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType());
            case UUID -> primitive = org.apache.parquet.schema.Types
                    .primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16)
                    .as(LogicalTypeAnnotation.uuidType());
            case INTEGER -> primitive = org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT32, repetition);
            case LONG -> primitive = org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT64, repetition);
            case DOUBLE -> primitive = org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
            case BOOLEAN -> primitive = org.apache.parquet.schema.Types
                    .primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case DECIMAL -> {
                Types.DecimalType decimal = (Types.DecimalType) type;
                primitive = org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision()));
            }
            case TIMESTAMP -> primitive = org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
            case DATE -> primitive = org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType());
            case STRUCT -> {
                return new GroupType(repetition, name, parquetFields(type.asStructType())).withId(id);
            }
            case LIST -> {
                Types.ListType list = type.asListType();
                Types.NestedField element = list.fields().get(0);
                return org.apache.parquet.schema.Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                        .addField(new GroupType(Repetition.REPEATED, "list",
                                parquet(element.type(), Repetition.REQUIRED, "element", element.fieldId())))
                        .id(id).named(name);
            }
            default -> throw new IllegalArgumentException("column '" + name + "' has type " + type
                    + ", which the emulator does not write");
        }
        return primitive.id(id).named(name);
    }
}
