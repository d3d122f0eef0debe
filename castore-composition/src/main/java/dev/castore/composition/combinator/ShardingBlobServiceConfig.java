package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Config of a {@code sharding} blob service: {@code shards}, each a blob service ({@code store})
 * with a {@code weight} (default 1), and optionally {@code spool_directory}, where writers keep what
 * memory does not hold of a blob until its digest says which shard takes it (default: the JVM's
 * temporary directory; see {@link dev.castore.api.blob.Spool}).
 */
public record ShardingBlobServiceConfig(List<Shard> shards, String spoolDirectory)
        implements ServiceBuilder<BlobService> {

    /** One shard: the referenced blob service and its share of the blobs relative to the others. */
    public record Shard(String store, Long weight) {
        public Shard {
            if (store == null) {
                throw new IllegalArgumentException("each shard needs store (the blob service that holds its blobs)");
            }
            if (weight == null) {
                weight = 1L;
            }
            if (weight <= 0) {
                throw new IllegalArgumentException("shard '" + store + "': weight " + weight + " is not > 0");
            }
        }
    }

    public ShardingBlobServiceConfig {
        if (shards == null || shards.isEmpty()) {
            throw new IllegalArgumentException("shards is required: a list of {store, weight}");
        }
        shards = List.copyOf(shards);
        Set<String> seen = new HashSet<>();
        for (Shard s : shards) {
            if (!seen.add(s.store())) {
                throw new IllegalArgumentException("shard '" + s.store() + "' is listed twice");
            }
        }
        if (spoolDirectory == null) {
            spoolDirectory = System.getProperty("java.io.tmpdir");
        }
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        List<CompletableFuture<BlobService>> pending = new ArrayList<>();
        for (Shard s : shards) {
            pending.add(context.resolveAsync(ServiceKind.BLOB, s.store()));
        }
        List<BlobService> built = new ArrayList<>();
        for (CompletableFuture<BlobService> f : pending) {
            built.add(Children.join(f));
        }
        RendezvousHash hash = new RendezvousHash(shards.stream().map(s -> new RendezvousHash.Shard(s.store(), s.weight())).toList());
        return new ShardingBlobService(instanceName, built, hash, Path.of(spoolDirectory));
    }

    @Override
    public List<ServiceReference> references() {
        List<ServiceReference> out = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            out.add(new ServiceReference(ServiceKind.BLOB, shards.get(i).store(), "shards[" + i + "].store"));
        }
        return out;
    }
}
