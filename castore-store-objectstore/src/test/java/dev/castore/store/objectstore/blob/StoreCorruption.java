package dev.castore.store.objectstore.blob;

import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.layout.ObjectKeys;
import dev.castore.store.objectstore.layout.ZstdCodec;
import dev.castore.store.objectstore.layout.ZstdFrames;
import dev.castore.store.objectstore.spi.ObjectStore;
import java.io.InputStream;
import java.util.List;

/** Damages stored chunks behind a service's back, as bit rot or a buggy writer would. */
final class StoreCorruption {

    private StoreCorruption() {}

    /** Replaces the first chunk of {@code blob} by a valid zstd frame of slightly different bytes. */
    static String flipAByteOfTheFirstChunk(ObjectStoreBlobService service, B3Digest blob) throws Exception {
        List<ChunkMeta> chunks = service.chunks(blob).orElseThrow();
        B3Digest first = chunks.isEmpty() ? blob : chunks.getFirst().digest();
        ObjectStore store = service.store();
        String key = ObjectKeys.chunk(first);
        byte[] data;
        try (InputStream in = store.get(key).orElseThrow()) {
            data = ZstdCodec.decompress(in, -1, 1 << 24, key);
        }
        data[data.length / 2] ^= 0x40;
        store.put(key, ZstdFrames.compress(data));
        return key;
    }
}
