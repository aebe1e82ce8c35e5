package dev.dataemulator.file;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.file.internal.FileObjectSink;
import dev.dataemulator.file.internal.FileSettings;
import java.util.Map;

/**
 * The {@code file} sink: emulated records as files in a local directory, with the modes, formats, partitioning and
 * names of the {@code minio} sink. Files appear under their final names only when complete (they are written under a
 * hidden temporary name, then renamed atomically), and every record is reported delivered once its file is renamed.
 *
 * <p>Settings (snake_case keys):
 * <table>
 *   <caption>Settings of the file sink</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code path}</td><td>(required)</td><td>root directory; each resource (bucket/topic name of the domain)
 *       is a directory below it</td></tr>
 *   <tr><td>{@code sync_type}</td><td>{@code chunked}</td><td>{@code single} (a file per record), {@code grouped}
 *       (a file per emulation, domain and partition), {@code chunked} (a new file per {@code max_chunk_size} or
 *       {@code chunk_max_age})</td></tr>
 *   <tr><td>{@code format_type}</td><td>{@code jsonl}</td><td>{@code json}, {@code jsonl}, {@code csv}, and with
 *       {@code emulator-parquet} {@code parquet} and {@code avro} (with their {@code compression} and
 *       {@code row_group_size})</td></tr>
 *   <tr><td>{@code max_chunk_size}</td><td>5 MiB</td><td>bytes after which a chunk is completed</td></tr>
 *   <tr><td>{@code chunk_max_age}</td><td>10 s</td><td>age after which a chunk is completed anyway</td></tr>
 *   <tr><td>{@code gzip}</td><td>{@code false}</td><td>gzip each file (text formats)</td></tr>
 *   <tr><td>{@code prefix}</td><td>none</td><td>directory path below the resource directory</td></tr>
 *   <tr><td>{@code partition_by}</td><td>none</td><td>Hive-style partition template, e.g.
 *       {@code dt={created_at:yyyy-MM-dd}/hour={created_at:HH}}
 *       ({@link dev.dataemulator.core.spi.PartitionTemplate})</td></tr>
 *   <tr><td>{@code max_open_partitions}</td><td>64</td><td>files open at once per emulation and domain; past it the
 *       one opened first is completed</td></tr>
 * </table>
 *
 * <p>Files: {@code <path>/<resource>/<prefix>/<domain>/[<partition>/]<emulation-id>/part-000000.<ext>} (and
 * {@code record-<seq>.<ext>} in single mode). Thread-safe.
 */
public final class FileSyncProducer implements SyncProducer {
    private final FileObjectSink sink;

    private FileSyncProducer(FileObjectSink sink) {
        this.sink = sink;
    }

    /**
     * @param config the settings above
     * @return a new sink; formats are found with {@link FormatRegistry#discover()}
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static FileSyncProducer create(Map<String, String> config) {
        return create(config, FormatRegistry.discover());
    }

    /**
     * @param config the settings above
     * @param formats the formats {@code format_type} chooses from
     * @return a new sink
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static FileSyncProducer create(Map<String, String> config, FormatRegistry formats) {
        return new FileSyncProducer(new FileObjectSink(FileSettings.parse(config, formats)));
    }

    @Override
    public void setupResource(String resource) {
        sink.setupResource(resource);
    }

    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        sink.produce(resource, record);
    }

    @Override
    public void flush() {
        sink.flush();
    }

    @Override
    public void close() {
        sink.close();
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
