package dev.dataemulator.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test class of this JVM (a session costs seconds and ~1 GB). */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("emulator-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.datetime.java8API.enabled", "true")
                    .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
                    .config("spark.sql.catalog.lake.type", "hadoop")
                    .config("spark.sql.catalog.lake.warehouse", warehouse())
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    private static String warehouse() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("emulator-spark-warehouse");
            return dir.toUri().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
