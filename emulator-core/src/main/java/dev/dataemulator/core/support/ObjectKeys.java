package dev.dataemulator.core.support;

import java.util.Locale;

/**
 * Object keys (file paths) of the object sinks that never collide:
 * {@code <prefix>/<domain>/[<partition>/]<emulation-id>/part-000042.<ext>[.gz]} for chunks and grouped objects
 * (numbered by the sink within an emulation and domain), {@code .../record-000000001234.<ext>[.gz]} for single
 * records (numbered by the record's sequence number); {@code .../<emulation-id>/lane-003/part-000042.<ext>[.gz]}
 * for the chunks of a resumable emulation (numbered within its worker lane). The partition path, when {@code partition_by} is set, comes
 * before the emulation id so that Hive-style readers see {@code key=value} directories. Immutable and thread-safe.
 */
public final class ObjectKeys {
    private final String prefix;
    private final String suffix;

    /**
     * @param prefix a key prefix; leading and trailing slashes are ignored; {@code null} or empty for none
     * @param extension the format's extension, without the dot
     * @param gzip whether objects are gzip-compressed ({@code .gz} is appended)
     */
    public ObjectKeys(String prefix, String extension, boolean gzip) {
        this.prefix = normalizePrefix(prefix);
        this.suffix = "." + extension + (gzip ? ".gz" : "");
    }

    /**
     * @param partition the partition path ({@code dt=2026-11-30/hour=14}), empty for none
     * @return the key of the {@code part}-th object of an emulation
     */
    public String part(String domain, String partition, String emulationId, long part) {
        return base(domain, partition, emulationId) + String.format(Locale.ROOT, "part-%06d", part) + suffix;
    }

    /**
     * @return the prefix under which the objects of one worker lane of a resumable emulation lie ({@code
     *     <prefix>/<domain>/<emulation-id>/lane-003/}), ending with a slash
     */
    public String lane(String domain, String emulationId, int lane) {
        return base(domain, "", emulationId) + String.format(Locale.ROOT, "lane-%03d/", lane);
    }

    /**
     * @return the key of the {@code part}-th object of a worker lane of a resumable emulation: a function of the
     *     emulation id, the lane and the object's index alone, so a resumed run rewrites the same object under the
     *     same name ({@code .../<emulation-id>/lane-003/part-000042.<ext>[.gz]})
     */
    public String lanePart(String domain, String emulationId, int lane, long part) {
        return lane(domain, emulationId, lane) + String.format(Locale.ROOT, "part-%06d", part) + suffix;
    }

    /**
     * @param name the checkpoint's name ({@code settings}, {@code lane-003})
     * @return the key of a resumable emulation's small checkpoint object: {@code <prefix>/_resume/<emulation-id>/
     *     <name>}, outside every domain's objects
     */
    public String checkpoint(String emulationId, String name) {
        return prefix + "_resume/" + emulationId + "/" + name;
    }

    /**
     * @param partition the partition path, empty for none
     * @return the key of the object holding record {@code seq} alone
     */
    public String record(String domain, String partition, String emulationId, long seq) {
        return base(domain, partition, emulationId) + String.format(Locale.ROOT, "record-%012d", seq) + suffix;
    }

    /**
     * @param partition the partition path, empty for none
     * @return the prefix under which the objects of an emulation (in one partition) lie, ending with a slash
     */
    public String base(String domain, String partition, String emulationId) {
        return prefix + domain + "/" + (partition == null || partition.isEmpty() ? "" : partition + "/")
                + emulationId + "/";
    }

    /**
     * @param prefix a prefix as a user wrote it
     * @return the prefix without leading slashes and with exactly one trailing slash, or empty
     */
    public static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "" : p + "/";
    }
}
