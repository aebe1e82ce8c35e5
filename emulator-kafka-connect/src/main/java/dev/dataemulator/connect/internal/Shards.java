package dev.dataemulator.connect.internal;

/**
 * How a domain's record sequence is split into shards. Shard {@code s} of {@code n} owns the sequence numbers
 * {@code s, s + n, s + 2n, ...}: its record at position {@code p} is the domain's record {@code p * n + s}. The
 * shards therefore partition one sequence made from one seed, so
 * <ul>
 *   <li>together they write exactly the records an emulation or {@code Fixtures} with the same seed makes;</li>
 *   <li>the domain's shared state (user id space, compromised users, pools) is the same in every shard, so finite
 *       domains such as user-profile never repeat an id across shards;</li>
 *   <li>a record limit {@code m} gives shard {@code s} the sequence numbers below {@code m} it owns:
 *       {@code ceil((m - s) / n)} records, i.e. the floor or ceiling of {@code m / n}.</li>
 * </ul>
 */
public final class Shards {
    private Shards() {
    }

    /**
     * @param shards the shard count {@code n}
     * @param shard the shard {@code s}
     * @param position the position in the shard, from 0
     * @return the domain sequence number of the shard's record at {@code position}, or -1 when it would overflow
     */
    public static long seq(int shards, int shard, long position) {
        if (position < 0 || position > (Long.MAX_VALUE - shard) / shards) {
            return -1;
        }
        return position * shards + shard;
    }

    /**
     * @param shards the shard count {@code n}
     * @param shard the shard {@code s}
     * @param limit a bound on sequence numbers ({@code max.records} or the domain's capacity)
     * @return how many of the shard's sequence numbers are below {@code limit}
     */
    public static long count(int shards, int shard, long limit) {
        return limit <= shard ? 0 : (limit - shard - 1) / shards + 1;
    }

    /**
     * The position of the first record of shard {@code s} whose sequence number is at least {@code nextSeq}: how a
     * stored offset resumes (rounded up, so an offset written with another shard count never repeats a record).
     *
     * @return the position in the shard, from 0
     */
    public static long position(int shards, int shard, long nextSeq) {
        return nextSeq <= shard ? 0 : (nextSeq - shard - 1) / shards + 1;
    }
}
