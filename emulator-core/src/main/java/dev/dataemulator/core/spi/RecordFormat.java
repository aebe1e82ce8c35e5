package dev.dataemulator.core.spi;

import dev.dataemulator.core.InvalidSettingException;
import java.util.Locale;

/**
 * How records are laid out in an object of an object-store sink.
 */
public enum RecordFormat {
    /** A JSON array of records (named {@code json}, as in the Python service this library replaces). */
    JSON("json", "application/json"),
    /** One JSON document per line. */
    JSONL("jsonl", "application/x-ndjson"),
    /** RFC 4180 CSV with one header row per object; nested values flattened as {@code parent.child}. */
    CSV("csv", "text/csv");

    private final String extension;
    private final String contentType;

    RecordFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** @return the file extension, without the dot */
    public String extension() {
        return extension;
    }

    /** @return the MIME type */
    public String contentType() {
        return contentType;
    }

    /**
     * @param setting the setting's name, for the error message
     * @param value {@code json}, {@code jsonl} or {@code csv}, case-insensitive
     * @return the format
     * @throws InvalidSettingException naming the setting and value when unknown
     */
    public static RecordFormat parse(String setting, String value) {
        if (value != null) {
            for (RecordFormat format : values()) {
                if (format.extension.equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
        }
        throw new InvalidSettingException(setting, value, "expected one of json, jsonl, csv");
    }
}
