package dev.dataemulator.spark.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Maps a {@link RecordSchema} to Spark types. */
public final class SparkSchemas {
    private SparkSchemas() {
    }

    /**
     * @param options the source options
     * @return the row type of the domain's records as the options open it
     */
    public static StructType rowType(SourceOptions options) {
        if (options.labels()) {
            return rowType(options.stream().labelSchema(), false);
        }
        return rowType(Schemas.of(options.open(), options.domain()), options.envelope());
    }

    /**
     * @param schema the record schema
     * @param envelope whether to wrap the fields as {@code emulation_id, timestamp, data}
     * @return the Spark row type
     */
    public static StructType rowType(RecordSchema schema, boolean envelope) {
        StructType data = struct(schema);
        if (!envelope) {
            return data;
        }
        return new StructType(new StructField[] {
            new StructField("emulation_id", DataTypes.StringType, false, Metadata.empty()),
            new StructField("timestamp", DataTypes.LongType, false, Metadata.empty()),
            new StructField("data", data, false, Metadata.empty())});
    }

    static StructType struct(RecordSchema schema) {
        List<StructField> fields = new ArrayList<>(schema.size());
        for (RecordSchema.Field field : schema.fields()) {
            Metadata metadata = field.doc().isEmpty() ? Metadata.empty()
                    : Metadata.fromJson("{\"comment\":" + quote(field.doc()) + "}");
            fields.add(new StructField(field.name(), type(field.type()), field.nullable(), metadata));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    static DataType type(FieldType type) {
        switch (type.kind()) {
            case STRING:
            case UUID:
                return DataTypes.StringType;
            case INT:
                return DataTypes.IntegerType;
            case LONG:
                return DataTypes.LongType;
            case DOUBLE:
                return DataTypes.DoubleType;
            case DECIMAL:
                return DataTypes.createDecimalType(type.precision(), type.scale());
            case BOOLEAN:
                return DataTypes.BooleanType;
            case TIMESTAMP:
                return DataTypes.TimestampType;
            case DATE:
                return DataTypes.DateType;
            case STRUCT:
                return struct(type.fields());
            case LIST:
                return DataTypes.createArrayType(type(type.element()), true);
            default:
                throw new IllegalArgumentException("no Spark type for " + type);
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
