package dev.dataemulator.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class RowWriterTest {
    static final RecordSchema LINE = RecordSchema.builder("line")
            .required("sku", FieldType.STRING).required("qty", FieldType.INT).build();
    static final RecordSchema ORDER = RecordSchema.builder("order")
            .required("id", FieldType.UUID)
            .required("total", FieldType.decimal(10, 2))
            .required("placed", FieldType.TIMESTAMP)
            .required("due", FieldType.DATE)
            .required("score", FieldType.DOUBLE)
            .required("paid", FieldType.BOOLEAN)
            .optional("note", FieldType.STRING)
            .required("customer", FieldType.struct(RecordSchema.builder("customer")
                    .required("id", FieldType.LONG).required("tags", FieldType.list(FieldType.STRING)).build()))
            .required("lines", FieldType.list(FieldType.struct(LINE)))
            .build();

    static final RecordData ORDER_DATA = new RecordData() {
        @Override
        public String key() {
            return "k";
        }

        @Override
        public void writeFields(dev.dataemulator.core.spi.FieldWriter out) {
            out.string("id", "00000000-0000-4000-8000-000000000001");
            out.decimal("total", 12345, 2);
            out.timestamp("placed", 1_700_000_000_000_000L);
            out.date("due", 20_000);
            out.floating("score", 0.5);
            out.bool("paid", true);
            out.nullValue("note");
            out.beginObject("customer");
            out.integer("id", 7);
            out.beginList("tags");
            out.string(null, "gold");
            out.string(null, "eu");
            out.endList();
            out.endObject();
            out.beginList("lines");
            for (int i = 1; i <= 2; i++) {
                out.beginObject(null);
                out.string("sku", "s" + i);
                out.integer("qty", i);
                out.endObject();
            }
            out.endList();
        }
    };

    @Test
    void writesEveryTypeInSparksInternalForm() {
        InternalRow row = new RowWriter(ORDER, "e").fields(ORDER_DATA);

        assertThat(row.getUTF8String(0)).isEqualTo(UTF8String.fromString("00000000-0000-4000-8000-000000000001"));
        assertThat(row.getDecimal(1, 10, 2)).isEqualTo(Decimal.apply(new java.math.BigDecimal("123.45")));
        assertThat(row.getLong(2)).isEqualTo(1_700_000_000_000_000L);
        assertThat(row.getInt(3)).isEqualTo(20_000);
        assertThat(row.getDouble(4)).isEqualTo(0.5);
        assertThat(row.getBoolean(5)).isTrue();
        assertThat(row.isNullAt(6)).isTrue();
        InternalRow customer = row.getStruct(7, 2);
        assertThat(customer.getLong(0)).isEqualTo(7L);
        ArrayData tags = customer.getArray(1);
        assertThat(tags.numElements()).isEqualTo(2);
        assertThat(tags.getUTF8String(1)).isEqualTo(UTF8String.fromString("eu"));
        ArrayData lines = row.getArray(8);
        assertThat(lines.numElements()).isEqualTo(2);
        assertThat(lines.getStruct(1, 2).getUTF8String(0)).isEqualTo(UTF8String.fromString("s2"));
        assertThat(lines.getStruct(1, 2).getInt(1)).isEqualTo(2);
    }

    @Test
    void mapsTheSchemaToSparkTypes() {
        StructType type = SparkSchemas.rowType(ORDER, false);

        assertThat(type.apply("total").dataType()).isEqualTo(DataTypes.createDecimalType(10, 2));
        assertThat(type.apply("due").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(type.apply("note").nullable()).isTrue();
        assertThat(type.apply("lines").dataType().simpleString()).isEqualTo("array<struct<sku:string,qty:int>>");
        assertThat(type.apply("customer").dataType().simpleString())
                .isEqualTo("struct<id:bigint,tags:array<string>>");
    }

    @Test
    void rejectsAFieldOutsideTheSchema() {
        RecordData stray = new RecordData() {
            @Override
            public String key() {
                return "k";
            }

            @Override
            public void writeFields(dev.dataemulator.core.spi.FieldWriter out) {
                out.string("nope", "x");
            }
        };

        assertThatThrownBy(() -> new RowWriter(LINE, "e").fields(stray))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'nope'");
    }
}
