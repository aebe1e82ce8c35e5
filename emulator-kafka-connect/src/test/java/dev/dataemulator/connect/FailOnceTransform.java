package dev.dataemulator.connect;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A transformation that fails a task in the middle of a transaction, once: on the first record whose {@code seq}
 * header equals {@code fail.seq} it signals {@link #REACHED}, waits for {@link #RELEASE} and throws, so the task
 * dies with the records before it sent but not committed. Static state: the test and the in-process worker share the
 * JVM.
 */
public final class FailOnceTransform implements Transformation<SourceRecord> {
    /** Counted down when the failing record arrives. */
    static final CountDownLatch REACHED = new CountDownLatch(1);
    /** Counted down by the test to let the task fail. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    private String failSeq;

    /** Creates the transformation; the worker calls this. */
    public FailOnceTransform() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
        failSeq = String.valueOf(configs.get("fail.seq"));
    }

    @Override
    public SourceRecord apply(SourceRecord record) {
        Header seq = record.headers().lastWithName("seq");
        if (seq != null && failSeq.equals(String.valueOf(seq.value())) && REACHED.getCount() > 0) {
            REACHED.countDown();
            try {
                RELEASE.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ConnectException("induced task failure at seq " + failSeq);
        }
        return record;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define("fail.seq", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                "the seq header value of the record that fails the task");
    }

    @Override
    public void close() {
    }
}
