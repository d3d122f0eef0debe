package dev.castore.composition.combinator;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Weighted rendezvous (highest random weight) hashing, as bb-storage shards blobs: each shard
 * scores every digest with {@code -weight / ln(u)}, where {@code u} in (0, 1) is a hash of the
 * digest and the shard's key, and the highest score owns the digest. A shard's share of the
 * digests is its weight over the total, and adding a shard moves only the digests it now wins,
 * about its share, all to itself. A shard is keyed by its name, so the order of the list does
 * not matter and reordering it moves nothing.
 */
public final class RendezvousHash {

    /** One shard: its key (the referenced instance name or URL) and its weight (> 0). */
    public record Shard(String key, long weight) {}

    private final long[] seeds;
    private final double[] weights;

    /** The placement over {@code shards}, in the order their owners are numbered. */
    public RendezvousHash(List<Shard> shards) {
        seeds = new long[shards.size()];
        weights = new double[shards.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = ByteBuffer.wrap(Blake3.hash(shards.get(i).key().getBytes(StandardCharsets.UTF_8)).toBytes()).getLong();
            weights[i] = shards.get(i).weight();
        }
    }

    /** The index of the shard that owns {@code digest}. */
    public int owner(B3Digest digest) {
        long key = ByteBuffer.wrap(digest.toBytes()).getLong();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < seeds.length; i++) {
            double score = -weights[i] / Math.log(unit(mix(key ^ seeds[i])));
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /** 53 bits of {@code h} as a double strictly between 0 and 1. */
    private static double unit(long h) {
        return ((h >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
