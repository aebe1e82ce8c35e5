package dev.dataemulator.iceberg.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Iceberg's file access for a warehouse on a local directory, without Hadoop: locations are absolute paths or
 * {@code file:} URIs. Named by class in the catalog's {@code io-impl} property, so it has a public no-argument
 * constructor.
 */
public final class LocalFileIO implements FileIO {
    private static final long serialVersionUID = 1L;

    /** Used by the catalog, which instantiates it by name. */
    public LocalFileIO() {
    }

    /** @return the local path of a location: a plain path, {@code file:/x} or {@code file:///x} */
    static String path(String location) {
        if (location.startsWith("file://")) {
            return location.substring("file://".length());
        }
        if (location.startsWith("file:")) {
            return location.substring("file:".length());
        }
        return location;
    }

    @Override
    public InputFile newInputFile(String location) {
        return org.apache.iceberg.Files.localInput(path(location));
    }

    @Override
    public OutputFile newOutputFile(String location) {
        File file = new File(path(location));
        File parent = file.getAbsoluteFile().getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs() && !parent.isDirectory()) {
            throw new UncheckedIOException(new IOException("cannot create directory " + parent));
        }
        return org.apache.iceberg.Files.localOutput(file);
    }

    @Override
    public void deleteFile(String location) {
        try {
            Files.deleteIfExists(Path.of(path(location)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + location, e);
        }
    }
}
