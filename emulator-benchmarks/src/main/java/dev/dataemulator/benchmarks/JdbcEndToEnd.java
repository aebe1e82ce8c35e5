package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.Report.CpuMark;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.jdbc.JdbcSyncProducer;
import dev.dataemulator.testkit.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The {@code jdbc} sink into a real PostgreSQL ({@link EmbeddedPostgres}: a server in processes of its own, so this
 * JVM's CPU time is the client side only). Three contenders, in rotating order every round:
 * <ul>
 *   <li><b>bare COPY</b>: pgjdbc's {@code CopyManager} streaming the same transactions, encoded to COPY text before
 *       the clock starts, one COPY per {@code --batch} rows, each in its own transaction (the ceiling);</li>
 *   <li><b>sink insert</b>: the sink ({@code write_mode=insert}, {@code batch_size=--batch}) fed the same pre-made
 *       records from {@code --threads} threads, timed until {@code flush()} returns (every row committed);</li>
 *   <li><b>sink changes</b>: a change stream ({@code __op} c/u/d, {@code __version}) of {@code --records / 3}
 *       entities, about three changes each, applied with {@code write_mode=changes}.</li>
 * </ul>
 * Every run writes into an emptied table. Each round prints rows/s and this process's CPU per row; the end prints
 * medians and the median of the per-round ratios sink insert / bare COPY.
 *
 * <pre>
 * java -Xmx2g -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.JdbcEndToEnd \
 *     --records 300000 --rounds 5 --batch 5000
 * </pre>
 */
public final class JdbcEndToEnd {
    private static final RecordSchema CHANGE = RecordSchema.builder("account")
            .required("account_id", FieldType.LONG)
            .required("status", FieldType.STRING)
            .required("balance", FieldType.decimal(12, 2))
            .required("updated_at", FieldType.TIMESTAMP)
            .required("__op", FieldType.STRING)
            .required("__version", FieldType.LONG)
            .build();

    private JdbcEndToEnd() {
    }

    /**
     * @param argv {@code --records N} (rows per run), {@code --rounds N}, {@code --batch N} (rows per transaction),
     *     {@code --threads N} (threads feeding the sink), {@code --warmup-rounds N}
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "200000");
        defaults.put("rounds", "5");
        defaults.put("batch", "5000");
        defaults.put("threads", "2");
        defaults.put("warmup-rounds", "1");
        Args args = new Args(argv, defaults);
        int records = (int) args.number("records");
        int batch = (int) args.number("batch");
        int threads = (int) args.number("threads");
        System.out.println(Report.machine());
        System.out.println("settings: " + args);

        List<EmulatedRecord> transactions = Fixtures.of("transaction").seed(1).envelope(false).records(records);
        List<byte[]> lines = new ArrayList<>(records);
        for (EmulatedRecord record : transactions) {
            lines.add(copyLine(record.dataAsMap()));
        }
        List<EmulatedRecord> changes = changes(records / 3);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Connection admin = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                        postgres.password())) {
            Map<String, String> sink = Map.of("url", postgres.jdbcUrl(), "user", postgres.user(), "password",
                    postgres.password(), "batch_size", String.valueOf(batch));
            // the sink makes the table from the schema; the bare contender copies its shape
            runSink(sink, "tx_sink", "insert", transactions, threads, admin);
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE TABLE tx_bare (LIKE tx_sink INCLUDING ALL)");
            }
            List<Double> bare = new ArrayList<>();
            List<Double> insert = new ArrayList<>();
            List<Double> applied = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> bareCpu = new ArrayList<>();
            List<Double> insertCpu = new ArrayList<>();
            List<Double> changesCpu = new ArrayList<>();
            int rounds = (int) args.number("rounds");
            int warmups = (int) args.number("warmup-rounds");
            for (int round = -warmups; round < rounds; round++) {
                double[] b = null;
                double[] i = null;
                double[] c = null;
                for (int slot = 0; slot < 3; slot++) {
                    switch (Math.floorMod(round + slot, 3)) {
                        case 0 -> b = bareCopy(admin, postgres, lines, batch);
                        case 1 -> i = runSink(sink, "tx_sink", "insert", transactions, threads, admin);
                        default -> c = runSink(sink, "accounts", "changes", changes, threads, admin);
                    }
                }
                String label = round < 0 ? "warm-up" : "round " + (round + 1);
                System.out.println(Report.format("%s: bare COPY %,.0f rows/s (%.2f us CPU/row), sink insert %,.0f "
                        + "rows/s (%.2f us CPU/row, %.2fx), sink changes %,.0f changes/s (%.2f us CPU/change); "
                        + "load %s", label, b[0], b[1], i[0], i[1], i[0] / b[0], c[0], c[1], Report.loadAverage()));
                if (round >= 0) {
                    bare.add(b[0]);
                    insert.add(i[0]);
                    applied.add(c[0]);
                    ratios.add(i[0] / b[0]);
                    bareCpu.add(b[1]);
                    insertCpu.add(i[1]);
                    changesCpu.add(c[1]);
                }
            }
            System.out.println("medians [min .. max] over " + rounds + " rounds:");
            System.out.println("  bare COPY     " + Report.spread(bare, "%,.0f") + " rows/s, CPU/row "
                    + Report.spread(bareCpu, "%.2f") + " us");
            System.out.println("  sink insert   " + Report.spread(insert, "%,.0f") + " rows/s, CPU/row "
                    + Report.spread(insertCpu, "%.2f") + " us");
            System.out.println("  sink changes  " + Report.spread(applied, "%,.0f") + " changes/s, CPU/change "
                    + Report.spread(changesCpu, "%.2f") + " us");
            System.out.println("  sink insert / bare COPY (median of per-round ratios): "
                    + Report.spread(ratios, "%.2f") + "; load average " + Report.loadAverage());
        }
    }

    /** @return rows/s and CPU microseconds per row of the bare COPY */
    private static double[] bareCopy(Connection admin, EmbeddedPostgres postgres, List<byte[]> lines, int batch)
            throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("TRUNCATE tx_bare");
        }
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                postgres.password())) {
            connection.setAutoCommit(false);
            var copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
            CpuMark cpu = CpuMark.now();
            long start = System.nanoTime();
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 17);
            for (int from = 0; from < lines.size(); from += batch) {
                CopyIn copy = copyApi.copyIn("COPY tx_bare FROM STDIN");
                for (byte[] line : lines.subList(from, Math.min(lines.size(), from + batch))) {
                    chunk.writeBytes(line);
                    if (chunk.size() >= 1 << 16) {
                        copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                        chunk.reset();
                    }
                }
                if (chunk.size() > 0) {
                    copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                    chunk.reset();
                }
                copy.endCopy();
                connection.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double micros = cpu.microsPerRecordWithAndWithoutJit(lines.size())[0];
            check(admin, "tx_bare", lines.size());
            return new double[] {lines.size() / seconds, micros};
        }
    }

    /** @return rows/s and CPU microseconds per row of the sink fed from {@code threads} threads */
    private static double[] runSink(Map<String, String> settings, String table, String mode,
            List<EmulatedRecord> records, int threads, Connection admin) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table + (table.equals("tx_sink") ? " CASCADE" : ""));
        }
        Map<String, String> config = new LinkedHashMap<>(settings);
        config.put("table", table);
        config.put("write_mode", mode);
        CpuMark cpu = CpuMark.now();
        long start = System.nanoTime();
        try (SyncProducer sink = JdbcSyncProducer.create(config)) {
            sink.setupResource(table);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                Thread worker = new Thread(() -> {
                    // each worker takes every threads-th record, as the runner's workers take their blocks
                    for (int r = first; r < records.size(); r += threads) {
                        EmulatedRecord record = records.get(r);
                        sink.produce(table, record.key(), record);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            sink.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            double micros = cpu.microsPerRecordWithAndWithoutJit(records.size())[0];
            if (mode.equals("insert")) {
                check(admin, table, records.size());
            }
            return new double[] {records.size() / seconds, micros};
        }
    }

    private static void check(Connection admin, String table, long expected) throws Exception {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            if (rs.getLong(1) != expected) {
                throw new IllegalStateException(table + " holds " + rs.getLong(1) + " rows, expected " + expected);
            }
        }
    }

    /** @return the record's values as a COPY text line, columns in the schema's order */
    private static byte[] copyLine(Map<String, Object> values) {
        StringBuilder line = new StringBuilder();
        for (Object value : values.values()) {
            if (line.length() > 0) {
                line.append('\t');
            }
            if (value == null) {
                line.append("\\N");
            } else if (value instanceof BigDecimal) {
                line.append(((BigDecimal) value).toPlainString());
            } else {
                line.append(value.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
            }
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return changes of {@code entities} entities: a create, an update, and a delete or a second update each */
    private static List<EmulatedRecord> changes(int entities) {
        List<EmulatedRecord> changes = new ArrayList<>();
        long seq = 0;
        for (int version = 1; version <= 3; version++) {
            for (int entity = 0; entity < entities; entity++) {
                char op = version == 1 ? 'c' : version == 3 && entity % 3 == 0 ? 'd' : 'u';
                changes.add(Fixtures.record(new Change(entity, version, op)).domain("account").seq(seq++)
                        .envelope(false).schema(CHANGE).build());
            }
        }
        return changes;
    }

    private record Change(long id, long version, char op) implements RecordData {
        @Override
        public String key() {
            return Long.toString(id);
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.integer("account_id", id);
            out.string("status", op == 'd' ? "closed" : version == 1 ? "active" : "frozen");
            out.decimal("balance", id * 100 + version, 2);
            out.timestamp("updated_at", 1_780_000_000_000_000L + id * 1_000_000 + version);
            out.string("__op", String.valueOf(op));
            out.integer("__version", version);
        }
    }
}
