package dev.dataemulator.file;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectStore;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.support.ObjectSink;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The store of the {@code file} sink: objects as files in a local directory, behind core's
 * {@link ObjectSink} (which gives it the modes, formats, partitioning, names, ageing and accounting of every object
 * sink). Its one setting of its own is {@code path}, the root directory; each resource (the domain's topic or bucket
 * name) is a directory below it. Each file is written under a hidden temporary name next to its final name
 * ({@code .part-000001.parquet.tmp}) and renamed atomically when complete, so a reader never sees half a file; its
 * records are reported delivered once it is renamed.
 *
 * <p>Files: {@code <path>/<resource>/<prefix>/<domain>/[<partition>/]<emulation-id>/part-000000.<ext>} (and
 * {@code record-<seq>.<ext>} in single mode; {@code <emulation-id>/lane-003/part-000000.<ext>} and the checkpoints
 * in {@code <prefix>/_resume/<emulation-id>/} for a resumable emulation, whose resumed run first deletes the hidden
 * temporary files the killed run left). Thread-safe.
 */
public final class FileStore implements ObjectStore {
    /** The store's one setting: the root directory. */
    public static final String PATH = "path";
    /** The {@code file} sink's settings and store. */
    public static final ObjectStore.Factory FACTORY = new ObjectStore.Factory() {
        @Override
        public String sink() {
            return "file";
        }

        @Override
        public List<String> keys() {
            return List.of(PATH);
        }

        @Override
        public Supplier<ObjectStore> read(SinkConfig config) {
            String text = config.required(PATH);
            Path path = null;
            if (text != null) {
                try {
                    path = Path.of(text).toAbsolutePath().normalize();
                } catch (InvalidPathException e) {
                    config.violation(PATH, text, "is not a valid path: " + e.getMessage());
                }
            }
            Path root = path;
            return () -> new FileStore(root);
        }
    };
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final Path root;
    /** Resources checked and resolved, by name: every object needs one. */
    private final Map<String, Path> directories = new ConcurrentHashMap<>();

    /** @param root the root directory */
    public FileStore(Path root) {
        this.root = root;
    }

    /**
     * @param config the {@code file} sink's settings: {@code path} and the shared object-sink settings
     * @return a new {@code file} sink
     * @throws InvalidSettingException naming every bad key and value
     */
    public static ObjectSink sink(Map<String, String> config) {
        return ObjectSink.create(FACTORY, config);
    }

    /** Creates the resource's directory below {@code path}. */
    @Override
    public void createContainer(String container) {
        Path dir = directory(container);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SinkException("Creating directory '" + dir + "' failed: " + e, e);
        }
    }

    private Path directory(String resource) {
        Path known = resource == null ? null : directories.get(resource);
        if (known != null) {
            return known;
        }
        if (resource == null || !RESOURCE.matcher(resource).matches() || resource.contains("..")) {
            throw new InvalidSettingException("resource", resource,
                    "must be one directory name of letters, digits, '.', '_' and '-'");
        }
        Path dir = root.resolve(resource);
        directories.put(resource, dir);
        return dir;
    }

    /** @return the hidden temporary file next to the object's final name */
    @Override
    public Path stagingFile(String container, String key) throws IOException {
        Path target = directory(container).resolve(key);
        Files.createDirectories(target.getParent());
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Renames the staged file to its final name, atomically. */
    @Override
    public void put(String container, String key, Content object) throws IOException {
        Path staged = object.stagedFile().orElseThrow(() -> new IOException(key + " was not staged by this store"));
        Files.move(staged, directory(container).resolve(key), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return {@code true}: a resumable emulation keeps its checkpoints in small files of the directory */
    @Override
    public boolean readsObjects() {
        return true;
    }

    /** @return the file's bytes; empty when there is no such file */
    @Override
    public Optional<byte[]> read(String container, String key) throws IOException {
        Path file = directory(container).resolve(key);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the hidden temporary files ({@code .part-000001.parquet.tmp}) that a killed run left in the directory of
     * {@code keyPrefix} (a resumable emulation's lane), before the resumed run writes those objects again.
     */
    @Override
    public void discardPartial(String container, String keyPrefix) throws IOException {
        Path dir = directory(container).resolve(keyPrefix);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    @Override
    public String objectName(String container, String key) {
        return directory(container).resolve(key).toString();
    }

    @Override
    public String kind() {
        return "directory";
    }

    @Override
    public String toString() {
        return String.valueOf(root);
    }
}
