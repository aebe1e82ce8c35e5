package dev.dataemulator.spark;

import dev.dataemulator.spark.internal.CatalogRelation;
import dev.dataemulator.spark.internal.EmulatorTable;
import dev.dataemulator.spark.internal.SourceOptions;
import dev.dataemulator.spark.internal.SparkSchemas;
import java.util.Map;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.RelationProvider;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Spark DataSource V2 {@code emulator}: any registered domain as a Spark table whose rows are the domain's
 * records by seq, identical for any partition count and equal to {@code Fixtures} for the same seed.
 *
 * <pre>{@code
 * spark.read().format("emulator").option("domain", "transaction").option("rows", 1_000_000L)
 *      .option("seed", 42).option("partitions", 200).option("clock.instant", "2026-01-01T00:00:00Z").load();
 * }</pre>
 *
 * <p>Options (keys are case-insensitive):
 * <ul>
 *   <li>{@code domain} (required): the domain, e.g. {@code transaction};</li>
 *   <li>{@code rows}: the number of rows (records {@code 0..rows-1}); required by a batch read of an endless
 *       domain; a stream ends there, an unset stream never ends;</li>
 *   <li>{@code seed} (default 0): the seed, as in {@code EmulationSpec};</li>
 *   <li>{@code partitions} (default: Spark's default parallelism): input partitions, each a contiguous seq
 *       range; the rows do not depend on it;</li>
 *   <li>{@code envelope} (default {@code false}): {@code true} gives {@code emulation_id, timestamp, data}
 *       columns instead of the record's fields;</li>
 *   <li>{@code clock.instant} (ISO-8601, default: the time the table is resolved): the fixed clock of
 *       timestamps and time fields; set it for repeatable rows across queries and stream restarts;</li>
 *   <li>{@code emulation.id} (default {@code spark}): the envelope's emulation id;</li>
 *   <li>event time, with the Kafka connector's names and {@link dev.dataemulator.core.EventTimeOptions}' forms:
 *       {@code event.time.backfill} ({@code FROM..TO}: a backfill; rows end at {@code TO}),
 *       {@code event.time.rate} (records per event second, required with a backfill or a curve),
 *       {@code rate.curve.hourly} (24 comma-separated weights), {@code lateness} ({@code FRACTION:MAX});</li>
 *   <li>{@code domain.<key>}: an option handed to the domain;</li>
 *   <li>{@code definition}: a declarative definition (YAML or JSON text, or the path of a {@code .yaml},
 *       {@code .yml} or {@code .json} file readable by the driver) whose domains join the discovered ones;</li>
 *   <li>streams only: {@code rowsPerBatch} (default 1000) the most rows of one micro-batch, {@code rowsPerSecond}
 *       (default unlimited) a rate cap.</li>
 * </ul>
 * Bad values fail with {@link dev.dataemulator.core.InvalidSettingException} naming the option. Instances are
 * created by Spark; they are stateless and thread-safe.
 *
 * <p>Reads ({@code spark.read}, {@code readStream}, {@code CREATE TEMPORARY VIEW ... USING emulator}) take the
 * DataSource V2 path. A table in the session catalog ({@code CREATE TABLE t USING emulator OPTIONS (...)}) is read
 * by Spark through the V1 {@link RelationProvider} interface, which this source answers with the same V2 read, so
 * both give the same rows.
 */
public final class EmulatorDataSource implements TableProvider, DataSourceRegister, RelationProvider {

    /** The short name of the source: {@code format("emulator")}, {@code USING emulator}. */
    public static final String SHORT_NAME = "emulator";

    /** Creates the source (Spark does, by its short name or class name). */
    public EmulatorDataSource() {
    }

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        SourceOptions parsed = parse(options.asCaseSensitiveMap());
        return SparkSchemas.rowType(parsed);
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        SourceOptions parsed = parse(properties);
        return new EmulatorTable(parsed, schema != null ? schema : SparkSchemas.rowType(parsed));
    }

    /**
     * The rows of a session-catalog table ({@code CREATE TABLE t USING emulator OPTIONS (...)}): Spark reads such
     * tables through this V1 entry point; it delegates to the V2 read with the table's options.
     */
    @Override
    public BaseRelation createRelation(SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters) {
        Map<String, String> options = scala.jdk.javaapi.CollectionConverters.asJava(parameters);
        return new CatalogRelation(sqlContext, sqlContext.sparkSession().read().format(SHORT_NAME).options(options)
                .load());
    }

    private static SourceOptions parse(Map<String, String> options) {
        int parallelism = SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession().get().sparkContext().defaultParallelism() : 1;
        return SourceOptions.parse(options, System.currentTimeMillis(), parallelism);
    }
}
