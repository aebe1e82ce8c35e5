package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.ErrorPolicy;
import dev.dataemulator.core.StopReason;
import dev.dataemulator.core.WorkerStatus;
import dev.dataemulator.core.support.Lanes;
import dev.dataemulator.core.support.Pacer;
import dev.dataemulator.core.support.Shards;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

/**
 * One of an emulation's workers: worker 0 sets the resource up while the others wait, then each makes the positions
 * of its lane ({@link Lanes}: worker {@code i} is lane {@code i}) block by block from its start position and, per
 * record, checks the stop conditions, waits for the {@link Pacer},
 * makes the record and hands it to the sink, until the emulation's limit or a stop. The emulation's shutdown rules
 * (see {@link DefaultEmulation}) hold because a worker ends only through {@link DefaultEmulation#workerEnded()}.
 */
final class Worker implements Runnable {
    private static final VarHandle RECORDS;

    static {
        try {
            RECORDS = MethodHandles.lookup().findVarHandle(Worker.class, "records", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DefaultEmulation emulation;
    final int index;
    final String name;
    volatile WorkerStatus.State state = WorkerStatus.State.PENDING;
    /** Written by this worker only, with a release store (a plain store on x86): read by status snapshots. */
    volatile long records;
    volatile String error;

    Worker(DefaultEmulation emulation, int index, String name) {
        this.emulation = emulation;
        this.index = index;
        this.name = name;
    }

    /** @return this worker's status now */
    WorkerStatus status() {
        return new WorkerStatus(name, state, records, error);
    }

    /** Marks a worker the executor refused to run. */
    void refused(Throwable cause) {
        error = "not started: " + cause;
        state = WorkerStatus.State.ERROR;
    }

    @Override
    public void run() {
        state = WorkerStatus.State.STARTED;
        try {
            if (index == 0) {
                emulation.setUp();
            } else {
                emulation.awaitSetUp();
            }
            if (emulation.setupSucceeded()) {
                produceLoop();
            }
            state = WorkerStatus.State.FINISHED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulation.requestStop(StopReason.STOPPED);
            state = WorkerStatus.State.FINISHED;
        } catch (RuntimeException | Error e) {
            error = e.toString();
            state = WorkerStatus.State.ERROR;
            emulation.fail(e);
        } finally {
            emulation.workerEnded();
        }
    }

    private void produceLoop() {
        DefaultEmulation run = emulation;
        RecordMaker maker = run.newRecordMaker(index);
        int lanes = run.lanes();
        long limit = run.limit();
        LongUnaryOperator plannedMillis = maker::plannedMillis;
        BooleanSupplier cancelled = () -> run.stopRequested() || run.pastDeadline();
        boolean continueOnError = run.spec().errorPolicy() == ErrorPolicy.CONTINUE;
        Pacer pacer = run.pacer();
        boolean timed = maker.timed();
        // a paced run may take longer than the progress interval for one block: it checks per record
        boolean pacedProgress = run.logsProgress() && pacer.paces();
        // repeats of the block in hand (faults' duplicate), each with the position after which it comes
        List<EmulatedRecord> repeats = new ArrayList<>();
        long position = run.startPosition(index);
        while (!run.stopRequested()) {
            if (position >= limit) {
                // the other lanes finish theirs, so this ends only this worker
                run.limitReached();
                return;
            }
            long end = Math.min(limit, position - position % Lanes.BLOCK + Lanes.BLOCK);
            for (; position < end; position++) {
                long seq = Shards.seq(run.shardCount(), run.shardIndex(), position);
                if (run.stopRequested() || Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (run.pastDeadline()) {
                    run.requestStop(StopReason.DURATION);
                    return;
                }
                if (timed && run.pastEventTimeEnd(maker.plannedMillis(seq))) {
                    return;
                }
                if (!pacer.await(seq, plannedMillis, cancelled)) {
                    if (run.pastDeadline()) {
                        run.requestStop(StopReason.DURATION);
                    }
                    return;
                }
                EmulatedRecord record = maker.make(seq, position);
                if (record == null) {
                    // exhausted from seq on: workers holding lower numbers still make theirs
                    run.exhausted();
                    return;
                }
                emit(run, maker, record, continueOnError);
                EmulatedRecord repeat = maker.duplicate(record, end);
                if (repeat != null) {
                    repeats.add(repeat);
                }
                for (int i = 0; i < repeats.size(); i++) {
                    if (repeats.get(i).position() == position) {
                        // an inserted record: counted as made, so that every outcome the sink reports has its record
                        emit(run, maker, repeats.remove(i--), continueOnError);
                    }
                }
                if (pacedProgress) {
                    run.maybeLogProgress();
                }
            }
            if (run.logsProgress()) {
                run.maybeLogProgress(); // per block at full speed: a clock read per record costs more than it tells
            }
            position = Lanes.next(lanes, position - 1); // the first of the lane's next block
        }
    }

    /** Counts a record made and hands it to the sink, then its label to the label resource when it has one. */
    private void emit(DefaultEmulation run, RecordMaker maker, EmulatedRecord record, boolean continueOnError) {
        run.generated();
        RECORDS.setRelease(this, records + 1);
        run.produce(record, record.seq(), continueOnError);
        if (run.labels() && record.fault().isPresent()) {
            // accounted like a record: made, then delivered or failed
            run.generated();
            run.produceLabel(maker.label(record), continueOnError);
        }
    }
}
