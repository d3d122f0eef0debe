package dev.castore.store.rocksdb.directory;

import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.rocksdb.db.Family;
import dev.castore.store.rocksdb.db.StoreDatabase;
import dev.castore.testkit.DirectoryServiceContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's directory suite on a fresh store directory per test: any directory is retrievable. */
class RocksDbDirectoryServiceTest extends DirectoryServiceContract {

    @TempDir
    Path tmp;

    @Override
    protected DirectoryService newDirectoryService() throws Exception {
        return new RocksDbDirectoryService(StoreDatabase.acquire(Files.createTempDirectory(tmp, "store")));
    }

    /** Flips a bit of the stored encoding, behind the store's back. */
    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) throws Exception {
        StoreDatabase db = ((RocksDbDirectoryService) service).database();
        byte[] bytes = db.get(Family.DIRECTORIES, digest).orElseThrow();
        bytes[bytes.length - 1] ^= 0x01;
        db.put(Family.DIRECTORIES, digest, bytes, Durability.ON_COMMIT);
    }
}
