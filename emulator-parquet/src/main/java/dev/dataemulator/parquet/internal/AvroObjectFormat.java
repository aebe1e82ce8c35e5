package dev.dataemulator.parquet.internal;

import dev.dataemulator.avro.AvroBinary;
import dev.dataemulator.avro.AvroSchemas;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro object container files typed from the domain's schema, the schema embedded in each file's header.
 *
 * @param codec the block compression: {@code deflate}, {@code snappy} or {@code null}
 */
public record AvroObjectFormat(String codec) implements ObjectFormat {

    @Override
    public String name() {
        return "avro";
    }

    @Override
    public String extension() {
        return "avro";
    }

    @Override
    public String contentType() {
        return "application/avro";
    }

    @Override
    public boolean compressesItself() {
        return true;
    }

    @Override
    public boolean encodesInWriter() {
        return true;
    }

    @Override
    public ObjectWriter open(OutputStream out, EmulatedRecord first) throws IOException {
        Schema schema = AvroSchemas.schema(ParquetObjectFormat.requireSchema("avro", first), first.envelope());
        CountingStream counted = new CountingStream(out);
        DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))
                .setCodec(CodecFactory.fromString(codec));
        writer.create(schema, counted);
        long header = counted.count;
        AvroBinary binary = new AvroBinary(schema, first.envelope());
        // each record is encoded here, then appended encoded: its uncompressed size is known exactly (the chunk
        // size counts it, as it counts the text formats' bytes), and a record that does not encode leaves the block
        // untouched
        Buffer buffer = new Buffer();
        return new ObjectWriter() {
            private long count;
            private long encoded;
            private boolean finished;

            @Override
            public void add(EmulatedRecord record) throws IOException {
                buffer.reset();
                binary.write(record, buffer);
                writer.appendEncoded(buffer.view());
                encoded += buffer.size();
                count++;
            }

            @Override
            public long records() {
                return count;
            }

            @Override
            public long bytes() {
                return header + encoded;
            }

            @Override
            public void finish() throws IOException {
                if (!finished) {
                    finished = true;
                    writer.close();
                }
            }
        };
    }

    /** A reusable buffer whose content is read without a copy. */
    private static final class Buffer extends java.io.ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        java.nio.ByteBuffer view() {
            return java.nio.ByteBuffer.wrap(buf, 0, count);
        }
    }

    /** Counts the bytes written; closing only flushes, so the caller's stream stays open. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
