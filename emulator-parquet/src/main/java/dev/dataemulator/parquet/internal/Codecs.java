package dev.dataemulator.parquet.internal;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop: parquet-java's own codec factories go through Hadoop's codec classes
 * (even for uncompressed pages), so this one calls snappy-java, zstd-jni and {@link java.util.zip} directly.
 * Write-only; stateless and thread-safe.
 */
public final class Codecs implements CompressionCodecFactory {
    public static final Codecs INSTANCE = new Codecs();
    /** zstd's default level, as parquet-java uses it. */
    private static final int ZSTD_LEVEL = 3;

    private Codecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                switch (codec) {
                    case UNCOMPRESSED:
                        return bytes;
                    case SNAPPY:
                        return BytesInput.from(Snappy.compress(array(bytes)));
                    case ZSTD:
                        return BytesInput.from(Zstd.compress(array(bytes), ZSTD_LEVEL));
                    case GZIP:
                        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(64, bytes.size() / 2));
                        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                            bytes.writeAllTo(gzip);
                        }
                        return BytesInput.from(out.toByteArray());
                    default:
                        throw new IOException("unsupported Parquet compression " + codec);
                }
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
                throw new UnsupportedOperationException("the emulator writes Parquet, it does not read it");
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
                throw new UnsupportedOperationException("the emulator writes Parquet, it does not read it");
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }

    /** The bytes of a page, without a copy when the size was known (BytesInput.toByteArray() is deprecated). */
    private static byte[] array(BytesInput bytes) throws IOException {
        ExactBuffer out = new ExactBuffer((int) bytes.size());
        bytes.writeAllTo(out);
        return out.bytes();
    }

    private static final class ExactBuffer extends ByteArrayOutputStream {
        ExactBuffer(int size) {
            super(size);
        }

        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }
}
