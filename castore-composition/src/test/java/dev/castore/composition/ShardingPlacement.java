package dev.castore.composition;

import dev.castore.composition.combinator.RendezvousHash;
import java.util.ArrayList;
import java.util.List;

/** Rendezvous placement of the tests, built like a config's: pairs of shard name and weight. */
final class ShardingPlacement {

    private ShardingPlacement() {}

    static RendezvousHash of(Object... nameWeightPairs) {
        List<RendezvousHash.Shard> shards = new ArrayList<>();
        for (int i = 0; i < nameWeightPairs.length; i += 2) {
            shards.add(new RendezvousHash.Shard((String) nameWeightPairs[i],
                    ((Integer) nameWeightPairs[i + 1]).longValue()));
        }
        return new RendezvousHash(shards);
    }
}
