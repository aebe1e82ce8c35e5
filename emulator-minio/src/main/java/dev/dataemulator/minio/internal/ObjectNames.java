package dev.dataemulator.minio.internal;

import dev.dataemulator.core.spi.RecordFormat;
import java.util.Locale;

/**
 * Object keys that never collide: {@code <prefix>/<domain>/<emulation-id>/part-000042.<ext>[.gz]} for chunks and
 * grouped objects (numbered per emulation by this sink), {@code .../record-000000001234.<ext>[.gz]} for single
 * records (numbered by the record's sequence number, unique within an emulation).
 */
public final class ObjectNames {
    private final String prefix;
    private final String suffix;

    /**
     * @param prefix a key prefix; leading and trailing slashes are ignored, empty for none
     * @param format the record layout, for the extension
     * @param gzip whether objects are gzip-compressed
     */
    public ObjectNames(String prefix, RecordFormat format, boolean gzip) {
        this.prefix = normalize(prefix);
        this.suffix = "." + format.extension() + (gzip ? ".gz" : "");
    }

    /**
     * @return the key of the {@code part}-th object of an emulation
     */
    public String part(String domain, String emulationId, long part) {
        return base(domain, emulationId) + String.format(Locale.ROOT, "part-%06d", part) + suffix;
    }

    /**
     * @return the key of the object holding record {@code seq} alone
     */
    public String record(String domain, String emulationId, long seq) {
        return base(domain, emulationId) + String.format(Locale.ROOT, "record-%012d", seq) + suffix;
    }

    /**
     * @return the prefix under which every object of an emulation lies, ending with a slash
     */
    public String base(String domain, String emulationId) {
        return prefix + domain + "/" + emulationId + "/";
    }

    static String normalize(String prefix) {
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
