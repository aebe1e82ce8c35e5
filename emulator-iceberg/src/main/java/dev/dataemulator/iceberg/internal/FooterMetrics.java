package dev.dataemulator.iceberg.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Comparators;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * A data file's Iceberg metrics from its Parquet footer: column sizes, value and null counts of every column, and
 * lower and upper bounds of the columns outside lists (what engines prune files with). String bounds longer than
 * {@value #MAX_STRING_BOUND} characters are left out rather than truncated.
 */
final class FooterMetrics {
    static final int MAX_STRING_BOUND = 16;

    private FooterMetrics() {
    }

    static Metrics of(ParquetMetadata footer, Schema schema) {
        MessageType type = footer.getFileMetaData().getSchema();
        long rows = 0;
        Map<Integer, Long> sizes = new HashMap<>();
        Map<Integer, Long> values = new HashMap<>();
        Map<Integer, Long> nulls = new HashMap<>();
        Map<Integer, Object> lower = new HashMap<>();
        Map<Integer, Object> upper = new HashMap<>();
        Map<Integer, Boolean> unbounded = new HashMap<>();
        for (BlockMetaData block : footer.getBlocks()) {
            rows += block.getRowCount();
            for (ColumnChunkMetaData column : block.getColumns()) {
                String[] path = column.getPath().toArray();
                org.apache.parquet.schema.Type leaf = type.getType(path);
                if (leaf.getId() == null) {
                    continue;
                }
                int id = leaf.getId().intValue();
                sizes.merge(id, column.getTotalSize(), Long::sum);
                values.merge(id, column.getValueCount(), Long::sum);
                Statistics<?> stats = column.getStatistics();
                boolean inList = inList(path);
                if (stats == null || stats.isEmpty()) {
                    unbounded.put(id, true);
                    continue;
                }
                nulls.merge(id, stats.getNumNulls(), Long::sum);
                Types.NestedField field = schema.findField(id);
                if (inList || field == null || !stats.hasNonNullValue()) {
                    if (!stats.hasNonNullValue() && !inList) {
                        continue;
                    }
                    unbounded.put(id, true);
                    continue;
                }
                Object min = value(field.type(), stats.genericGetMin());
                Object max = value(field.type(), stats.genericGetMax());
                if (min == null || max == null) {
                    unbounded.put(id, true);
                    continue;
                }
                lower.merge(id, min, (a, b) -> compare(field.type(), a, b) <= 0 ? a : b);
                upper.merge(id, max, (a, b) -> compare(field.type(), a, b) >= 0 ? a : b);
            }
        }
        Map<Integer, ByteBuffer> lowerBounds = new HashMap<>();
        Map<Integer, ByteBuffer> upperBounds = new HashMap<>();
        for (Map.Entry<Integer, Object> entry : lower.entrySet()) {
            int id = entry.getKey();
            if (!unbounded.containsKey(id)) {
                Type fieldType = schema.findField(id).type();
                lowerBounds.put(id, Conversions.toByteBuffer(fieldType, entry.getValue()));
                upperBounds.put(id, Conversions.toByteBuffer(fieldType, upper.get(id)));
            }
        }
        return new Metrics(rows, sizes, values, nulls, null, lowerBounds, upperBounds);
    }

    private static boolean inList(String[] path) {
        for (String part : path) {
            if ("list".equals(part)) {
                return true;
            }
        }
        return false;
    }

    /** @return the statistic in Iceberg's representation, or {@code null} when it makes no bound */
    private static Object value(Type type, Object stat) {
        return switch (type.typeId()) {
            case INTEGER, DATE -> ((Number) stat).intValue();
            case LONG, TIMESTAMP -> ((Number) stat).longValue();
            case DOUBLE -> Double.isNaN((Double) stat) ? null : stat;
            case BOOLEAN -> stat;
            case DECIMAL -> BigDecimal.valueOf(((Number) stat).longValue(), ((Types.DecimalType) type).scale());
            case STRING -> {
                String text = ((Binary) stat).toStringUsingUTF8();
                yield text.length() > MAX_STRING_BOUND ? null : text;
            }
            case UUID -> {
                ByteBuffer bytes = ((Binary) stat).toByteBuffer();
                yield new UUID(bytes.getLong(bytes.position()), bytes.getLong(bytes.position() + 8));
            }
            default -> null;
        };
    }

    /** Compares as Iceberg orders bounds (strings and uuids unsigned, byte by byte). */
    private static int compare(Type type, Object a, Object b) {
        return Comparators.forType(type.asPrimitiveType()).compare(a, b);
    }
}
