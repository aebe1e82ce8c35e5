package dev.dataemulator.core.support;

/**
 * How an emulation's positions are dealt to its worker lanes: the one lane arithmetic of the runner and of the sinks
 * that keep a resumable emulation's progress. Positions come in blocks of {@value #BLOCK}; with {@code n} lanes (the
 * emulation's {@code threads}), lane {@code l} makes blocks {@code l, l + n, l + 2n, ...}, each in order, so
 * <ul>
 *   <li>which records a lane makes, and in which order, depends only on the lane count, never on timing: a lane's
 *       durable progress is one number, its next position, and everything before it in the lane is durable;</li>
 *   <li>boundaries a sink draws per lane (transactions, objects) after a count of records fall on the same records
 *       in every run;</li>
 *   <li>the lanes together make every position below the emulation's limit exactly once.</li>
 * </ul>
 * A position is the record's place in the emulation's stream: its sequence number without shards, else
 * {@link Shards#seq(int, int, long) seq(shards, shard, position)}. Stateless; safe from any thread.
 */
public final class Lanes {
    /** Positions per block: few enough to keep lanes balanced. */
    public static final int BLOCK = 64;

    private Lanes() {
    }

    /**
     * @param lanes the lane count, at least 1
     * @param position a position, from 0
     * @return the lane that makes {@code position}
     */
    public static int lane(int lanes, long position) {
        return (int) ((position / BLOCK) % lanes);
    }

    /**
     * @param lane a lane, from 0
     * @return the lane's first position
     */
    public static long first(int lane) {
        return (long) lane * BLOCK;
    }

    /**
     * @param lanes the lane count
     * @param position a position of a lane
     * @return the lane's position after {@code position}: the next one in its block, or the first of its next block;
     *     {@link Long#MAX_VALUE} past the end of the positions
     */
    public static long next(int lanes, long position) {
        long next = position + 1;
        if (next % BLOCK != 0) {
            return next;
        }
        long skip = (long) (lanes - 1) * BLOCK;
        return next > Long.MAX_VALUE - skip ? Long.MAX_VALUE : next + skip;
    }

    /**
     * @param lanes the lane count
     * @param lane a lane
     * @param limit the positions made are those below {@code limit}
     * @return how many of them the lane makes
     */
    public static long count(int lanes, int lane, long limit) {
        long blocks = limit / BLOCK;
        long full = blocks / lanes + (blocks % lanes > lane ? 1 : 0);
        long count = full * BLOCK;
        if (blocks % lanes == lane) {
            count += limit % BLOCK; // the lane owns the last, partial block
        }
        return count;
    }
}
