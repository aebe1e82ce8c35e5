package dev.dataemulator.core.support;

/**
 * How a domain's record sequence is split into shards: the one shard arithmetic of the engine
 * ({@link dev.dataemulator.core.EmulationSpec.Builder#shard(int, int)}) and of the Kafka Connect source connector.
 * Shard {@code s} of {@code n} owns the sequence numbers {@code s, s + n, s + 2n, ...}: its record at position
 * {@code p} is the domain's record {@code p * n + s}. The shards therefore partition one sequence made from one seed,
 * so
 * <ul>
 *   <li>together they write exactly the records an emulation or {@code Fixtures} with the same seed makes;</li>
 *   <li>the domain's shared state (user id space, compromised users, pools) is the same in every shard, so finite
 *       domains such as user-profile never repeat an id across shards;</li>
 *   <li>a record limit {@code m} ({@code maxRecords}, or a domain's capacity) bounds the domain's sequence numbers,
 *       not each shard's: shard {@code s} makes the sequence numbers below {@code m} it owns,
 *       {@code ceil((m - s) / n)} records (the floor or ceiling of {@code m / n}), and the {@code n} shards together
 *       make exactly records {@code 0 .. m-1}.</li>
 * </ul>
 * Stateless; safe from any thread.
 */
public final class Shards {
    private Shards() {
    }

    /**
     * @param shards the shard count {@code n}, at least 1
     * @param shard the shard {@code s}, from 0 to {@code n - 1}
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
     * @param limit a bound on sequence numbers ({@code maxRecords} or the domain's capacity);
     *     {@link Long#MAX_VALUE} for none
     * @return how many of the shard's sequence numbers are below {@code limit}; {@link Long#MAX_VALUE} when
     *     {@code limit} is {@link Long#MAX_VALUE}
     */
    public static long count(int shards, int shard, long limit) {
        if (limit == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
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
