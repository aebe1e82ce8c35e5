package dev.dataemulator.minio.internal;

import java.util.regex.Pattern;

/** The S3 bucket naming rules, checked before any request so that a bad name fails fast and clearly. */
public final class BucketNames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private BucketNames() {
    }

    /**
     * @param name a bucket name
     * @return what is wrong with it, or {@code null} when it is legal
     */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a bucket name is required";
        }
        if (name.length() < 3 || name.length() > 63) {
            return "must be 3 to 63 characters long, was " + name.length();
        }
        if (!ALLOWED.matcher(name).matches()) {
            return "may contain only lowercase letters, digits, '.' and '-', and must start and end with a letter "
                    + "or digit";
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return "must not contain '..', '.-' or '-.'";
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return "must not look like an IP address";
        }
        if (name.startsWith("xn--") || name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
            return "must not start with 'xn--' or end with '-s3alias' or '--ol-s3' (reserved)";
        }
        return null;
    }
}
