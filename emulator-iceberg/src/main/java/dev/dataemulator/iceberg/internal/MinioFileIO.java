package dev.dataemulator.iceberg.internal;

import dev.dataemulator.minio.MinioConnection;
import io.minio.GetObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Iceberg's file access for a warehouse on S3 ({@code s3://bucket/key}), over the MinIO client the {@code minio}
 * sink ships, without Hadoop and without the AWS SDK. Named by class in the catalog's {@code io-impl}; the catalog
 * passes it Iceberg's own S3 property names ({@value #ENDPOINT}, {@value #ACCESS_KEY}, {@value #SECRET_KEY},
 * {@value #REGION}), so that an engine opening the same catalog with Iceberg's {@code S3FileIO} uses the same keys.
 *
 * <p>A file being written is spooled to a temporary local file and uploaded when closed (S3 has no appends): memory
 * stays flat whatever the file size. Reads are ranged GETs, opened again at the new position after a seek.
 */
public final class MinioFileIO implements FileIO {
    private static final long serialVersionUID = 1L;
    static final String ENDPOINT = "s3.endpoint";
    static final String ACCESS_KEY = "s3.access-key-id";
    static final String SECRET_KEY = "s3.secret-access-key";
    static final String REGION = "client.region";
    /** Prefix of the other connection settings of the {@code minio} sink ({@code secure}, timeouts). */
    static final String MINIO_PREFIX = "emulator.minio.";

    private Map<String, String> properties = Map.of();
    private transient MinioConnection connection;

    /** Used by the catalog, which instantiates it by name and then calls {@link #initialize}. */
    public MinioFileIO() {
    }

    /**
     * @param properties the catalog's properties: the endpoint, credentials and region above
     * @throws dev.dataemulator.core.InvalidSettingException naming the {@code iceberg} sink's setting that is bad
     */
    @Override
    public void initialize(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
        Map<String, String> settings = new HashMap<>();
        putIfSet(settings, "endpoint", properties.get(ENDPOINT));
        putIfSet(settings, "access_key", properties.get(ACCESS_KEY));
        putIfSet(settings, "secret_key", properties.get(SECRET_KEY));
        putIfSet(settings, "region", properties.get(REGION));
        properties.forEach((key, value) -> {
            if (key.startsWith(MINIO_PREFIX)) {
                settings.put(key.substring(MINIO_PREFIX.length()), value);
            }
        });
        this.connection = MinioConnection.open(IcebergSettings.SINK, settings);
    }

    private static void putIfSet(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    /** @return the connection, made on first use after deserialisation */
    private synchronized MinioConnection connection() {
        if (connection == null) {
            initialize(properties);
        }
        return connection;
    }

    /**
     * Creates the bucket of a warehouse location unless it exists.
     *
     * @throws dev.dataemulator.core.SinkException when the server is unreachable, refuses the credentials or fails
     */
    void ensureBucket(String location) {
        connection().ensureBucket(Location.of(location.endsWith("/") ? location : location + "/").bucket());
    }

    /** @return the endpoint, for messages */
    String endpoint() {
        return connection().endpoint();
    }

    @Override
    public InputFile newInputFile(String location) {
        return new S3Input(Location.of(location), -1);
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return new S3Input(Location.of(location), length);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return new S3Output(Location.of(location));
    }

    @Override
    public void deleteFile(String location) {
        Location at = Location.of(location);
        try {
            connection().client().removeObject(RemoveObjectArgs.builder().bucket(at.bucket()).object(at.key())
                    .build());
        } catch (Exception e) {
            throw failure("delete", at, e);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private UncheckedIOException failure(String what, Location at, Exception e) {
        return new UncheckedIOException(ioFailure(what, at, e));
    }

    private IOException ioFailure(String what, Location at, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IOException("Cannot " + what + " " + at + " on " + connection().endpoint() + ": "
                + MinioConnection.describe(e), e);
    }

    private static boolean notFound(Exception e) {
        String code = MinioConnection.code(e);
        return "NoSuchKey".equals(code) || "NoSuchBucket".equals(code) || "NoSuchObject".equals(code);
    }

    /** An {@code s3://bucket/key} location. */
    record Location(String uri, String bucket, String key) {
        static Location of(String uri) {
            int scheme = uri.indexOf("://");
            String rest = scheme < 0 ? "" : uri.substring(scheme + 3);
            int slash = rest.indexOf('/');
            if (scheme < 0 || !uri.substring(0, scheme).matches("s3a?|s3n") || slash <= 0) {
                throw new IllegalArgumentException("Not an S3 location (s3://bucket/key): " + uri);
            }
            return new Location(uri, rest.substring(0, slash), rest.substring(slash + 1));
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    private final class S3Input implements InputFile {
        private final Location at;
        private long length;

        S3Input(Location at, long length) {
            this.at = at;
            this.length = length;
        }

        @Override
        public long getLength() {
            if (length < 0) {
                try {
                    length = connection().client().statObject(StatObjectArgs.builder().bucket(at.bucket())
                            .object(at.key()).build()).size();
                } catch (Exception e) {
                    if (notFound(e)) {
                        throw new NotFoundException("File does not exist: %s", at);
                    }
                    throw failure("read the length of", at, e);
                }
            }
            return length;
        }

        @Override
        public SeekableInputStream newStream() {
            return new RangeStream(at);
        }

        @Override
        public String location() {
            return at.uri();
        }

        @Override
        public boolean exists() {
            try {
                getLength();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        }
    }

    /** Ranged GETs: the object is opened at the current position on the first read after a seek. */
    private final class RangeStream extends SeekableInputStream {
        private final Location at;
        private InputStream body;
        private long pos;
        private boolean closed;

        RangeStream(Location at) {
            this.at = at;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0) {
                throw new EOFException("Cannot seek to " + newPos + " in " + at);
            }
            if (newPos != pos) {
                closeBody();
                pos = newPos;
            }
        }

        private InputStream body() throws IOException {
            if (closed) {
                throw new IOException("Stream of " + at + " is closed");
            }
            if (body == null) {
                try {
                    body = connection().client().getObject(GetObjectArgs.builder().bucket(at.bucket())
                            .object(at.key()).offset(pos).build());
                } catch (Exception e) {
                    if (notFound(e)) {
                        throw new NotFoundException("File does not exist: %s", at);
                    }
                    if (MinioConnection.code(e) != null && MinioConnection.code(e).equals("InvalidRange")) {
                        return InputStream.nullInputStream();
                    }
                    throw failure("read", at, e);
                }
            }
            return body;
        }

        @Override
        public int read() throws IOException {
            int b = body().read();
            if (b >= 0) {
                pos++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body().read(buffer, offset, length);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        private void closeBody() throws IOException {
            if (body != null) {
                InputStream open = body;
                body = null;
                open.close();
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            closeBody();
        }
    }

    private final class S3Output implements OutputFile {
        private final Location at;

        S3Output(Location at) {
            this.at = at;
        }

        @Override
        public PositionOutputStream create() {
            if (new S3Input(at, -1).exists()) {
                throw new AlreadyExistsException("File already exists: %s", at);
            }
            return createOrOverwrite();
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
            try {
                return new SpoolStream(at, Files.createTempFile("iceberg-", ".spool"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a local spool file for " + at, e);
            }
        }

        @Override
        public String location() {
            return at.uri();
        }

        @Override
        public InputFile toInputFile() {
            return new S3Input(at, -1);
        }
    }

    /** Bytes spooled to a local file, uploaded as one object when closed; the spool is deleted either way. */
    private final class SpoolStream extends PositionOutputStream {
        private final Location at;
        private final Path spool;
        private final OutputStream out;
        private long pos;
        private boolean closed;

        SpoolStream(Location at, Path spool) throws IOException {
            this.at = at;
            this.spool = spool;
            this.out = new java.io.BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024);
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            pos++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            pos += length;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
                connection().client().uploadObject(UploadObjectArgs.builder().bucket(at.bucket())
                        .object(at.key()).filename(spool.toString()).build());
            } catch (Exception e) {
                throw ioFailure("upload", at, e);
            } finally {
                Files.deleteIfExists(spool);
            }
        }
    }
}
