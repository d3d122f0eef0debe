package dev.castore.store.objectstore.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.layout.ObjectKeys;
import dev.castore.store.objectstore.layout.ZstdCodec;
import dev.castore.store.objectstore.layout.ZstdFrames;
import dev.castore.store.objectstore.spi.ObjectStore;
import java.io.InputStream;

/** Damages a stored closure behind a service's back. */
final class DirectoryCorruption {

    private DirectoryCorruption() {}

    /** Flips a bit inside the root's frame (the first) of its decompressed closure and stores it again. */
    static void flipABit(ObjectStore store, B3Digest root) throws Exception {
        String key = ObjectKeys.directories(root);
        byte[] data;
        try (InputStream in = store.get(key).orElseThrow()) {
            data = ZstdCodec.decompress(in, -1, 1 << 24, key);
        }
        int rootLength = ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        data[4 + rootLength / 2] ^= 0x01;
        store.put(key, ZstdFrames.compress(data));
    }
}
