package dev.dataemulator.spark.internal;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.TableScan;
import org.apache.spark.sql.types.StructType;

/**
 * A session-catalog table of the source, as Spark's V1 read path wants it: the rows of the equivalent V2 read.
 * Spark resolves such a relation on the driver; it is never serialised to executors.
 */
public final class CatalogRelation extends BaseRelation implements TableScan {
    private final SQLContext sqlContext;
    private final Dataset<Row> rows;

    /**
     * @param sqlContext the session's context
     * @param rows the V2 read with the table's options
     */
    public CatalogRelation(SQLContext sqlContext, Dataset<Row> rows) {
        this.sqlContext = sqlContext;
        this.rows = rows;
    }

    @Override
    public SQLContext sqlContext() {
        return sqlContext;
    }

    @Override
    public StructType schema() {
        return rows.schema();
    }

    @Override
    public RDD<Row> buildScan() {
        return rows.rdd();
    }
}
