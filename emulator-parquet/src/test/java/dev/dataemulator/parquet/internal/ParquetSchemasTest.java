package dev.dataemulator.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;

class ParquetSchemasTest {
    @Test
    void decimalsTakeInt32UpToNineDigitsAndInt64Beyond() {
        MessageType message = ParquetSchemas.messageType(RecordSchema.builder("r")
                .required("one", FieldType.decimal(1, 0))
                .required("nine", FieldType.decimal(9, 2))
                .required("ten", FieldType.decimal(10, 2))
                .required("eighteen", FieldType.decimal(18, 4))
                .build(), false);

        assertThat(message.getType("one").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT32);
        assertThat(message.getType("nine").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT32);
        assertThat(message.getType("ten").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(message.getType("eighteen").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(PrimitiveTypeName.INT64);
    }
}
