package dev.dataemulator.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path (fields written straight to the encoder) gives the bytes Avro's own generic writer gives for the
 * generic record of the same record, for every bundled domain with and without the envelope; and it is taken.
 */
class AvroBinaryTest {

    @ParameterizedTest(name = "{0}, envelope {1}")
    @CsvSource({"transaction, true", "transaction, false", "user-profile, true", "user-profile, false",
        "device-log, true", "device-log, false"})
    void theFastPathWritesWhatAvrosGenericWriterWrites(String domain, boolean envelope) throws IOException {
        EmulatedRecord first = Fixtures.of(domain).envelope(envelope).seed(11).records(1).get(0);
        Schema schema = AvroSchemas.schema(first.schema().orElseThrow(), envelope);
        Schema data = envelope ? schema.getField("data").schema() : schema;
        assertThat(AvroStream.supports(schema)).isTrue();
        AvroBinary binary = new AvroBinary(schema, envelope);
        AvroStream stream = new AvroStream();
        AvroRecords generic = new AvroRecords(schema, envelope);
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        for (EmulatedRecord record : Fixtures.of(domain).envelope(envelope).seed(11).records(3_000)) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(expected, null);
            writer.write(generic.build(record), encoder);

            Bytes fast = new Bytes();
            stream.write(record, data, envelope, fast);
            ByteArrayOutputStream viaBinary = new ByteArrayOutputStream();
            binary.write(record, viaBinary);
            byte[] withHeader = binary.encode(record, new byte[] {0, 0, 0, 0, 7});

            assertThat(fast.copy()).as(record.toString()).isEqualTo(expected.toByteArray());
            assertThat(viaBinary.toByteArray()).isEqualTo(expected.toByteArray());
            assertThat(withHeader).startsWith(0, 0, 0, 0, 7).hasSize(expected.size() + 5);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32_767, 32_768, -32_769, 1_000_000_00L,
        Long.MAX_VALUE, Long.MIN_VALUE})
    void decimalsTakeAsFewBytesAsAvrosOwnConversion(long unscaled) throws IOException {
        Schema bytes = LogicalTypes.decimal(19, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        ByteBuffer expected = new Conversions.DecimalConversion().toBytes(BigDecimal.valueOf(unscaled, 2), bytes,
                bytes.getLogicalType());
        byte[] avro = new byte[expected.remaining()];
        expected.get(avro);

        Schema record = Schema.createRecord("r", null, "t", false, List.of(new Schema.Field("d", bytes)));
        Bytes out = new Bytes();
        new AvroStream().writeData(record, out, fields -> fields.decimal("d", unscaled, 2));

        ByteArrayOutputStream expectedOut = new ByteArrayOutputStream();
        EncoderFactory.get().directBinaryEncoder(expectedOut, null).writeBytes(avro);
        assertThat(out.copy()).isEqualTo(expectedOut.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EUR", "Zürich ✓ 東京", "\uD83D\uDE00 emoji"})
    void stringsLongsAndDoublesAreWhatAvrosEncoderWrites(String text) throws IOException {
        Bytes ours = new Bytes();
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(theirs, null);
        ours.writeString(text);
        avro.writeString(text);
        for (long value : new long[] {0, 1, -1, 63, 64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE}) {
            ours.writeLong(value);
            avro.writeLong(value);
        }
        for (double value : new double[] {0.0, -0.0, 1.5, Double.NaN, Double.MAX_VALUE}) {
            ours.writeDouble(value);
            avro.writeDouble(value);
        }
        ours.writeBoolean(true);
        avro.writeBoolean(true);
        assertThat(ours.copy()).isEqualTo(theirs.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"transaction"})
    void aRecordThatDoesNotFitIsReportedByTheGenericPath(String domain) {
        EmulatedRecord record = Fixtures.of(domain).envelope(true).records(1).get(0);
        Schema other = AvroSchemas.schema(Fixtures.of("user-profile").records(1).get(0).schema().orElseThrow(), true);
        assertThatThrownBy(() -> new AvroBinary(other, true).write(record, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not in the schema");
    }
}
