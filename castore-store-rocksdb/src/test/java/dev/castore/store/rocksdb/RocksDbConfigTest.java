package dev.castore.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.spi.ServiceUrl;
import org.junit.jupiter.api.Test;

/** The URL form and the config fields. */
class RocksDbConfigTest {

    @Test
    void urlGivesTheStoreDirectoryAndTheDefaultChunkSize() {
        RocksDbBlobServiceConfig blobs = RocksDbBlobServiceConfig.fromUrl(ServiceUrl.parse("rocksdb:///var/lib/castore"));
        assertEquals(new RocksDbBlobServiceConfig("/var/lib/castore", 262_144), blobs);
        assertEquals(new RocksDbDirectoryServiceConfig("/var/lib/castore"),
                RocksDbDirectoryServiceConfig.fromUrl(ServiceUrl.parse("rocksdb:///var/lib/castore")));
    }

    @Test
    void urlWithAHostOrQueryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocksDbBlobServiceConfig.fromUrl(ServiceUrl.parse("rocksdb://host/var/lib/castore")));
        assertTrue(e.getMessage().contains("expected rocksdb:///absolute/path"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RocksDbDirectoryServiceConfig.fromUrl(ServiceUrl.parse("rocksdb:///x?sync=1")));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> RocksDbDirectoryServiceConfig.fromUrl(ServiceUrl.parse("rocksdb://")));
        assertTrue(empty.getMessage().contains("store directory is missing"), empty.getMessage());
    }

    @Test
    void pathMustBeGivenAndAbsolute() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new RocksDbDirectoryServiceConfig(null));
        assertEquals("path is required: the store directory, e.g. /var/lib/castore", missing.getMessage());
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                () -> new RocksDbBlobServiceConfig("data/castore", null));
        assertTrue(relative.getMessage().startsWith("path 'data/castore' is not absolute"), relative.getMessage());
    }

    @Test
    void chunkSizeOutsideFastCdcLimitsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RocksDbBlobServiceConfig("/x", 100));
        assertEquals("avg_chunk_size 100 is not in 512..2097153 (FastCDC needs 64 <= avg/2 <= 1048576 and 1024 <= 2*avg)",
                e.getMessage());
    }
}
