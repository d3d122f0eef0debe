package dev.castore.store.objectstore.s3;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.objectstore.backend.S3ObjectStore;
import dev.castore.store.objectstore.directory.DirectoryServiceAccess;
import dev.castore.testkit.DirectoryServiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The directory contract on S3, against a second S3 implementation (S3Mock) besides s3proxy. */
class S3MockDirectoryServiceTest extends DirectoryServiceContract {

    private static S3MockServer server;
    private S3ObjectStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3MockServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected DirectoryService newDirectoryService() {
        store = server.newStore();
        return DirectoryServiceAccess.directoryService(store);
    }

    @Override
    protected boolean servesOnlyRoots() {
        return true;
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) throws Exception {
        DirectoryServiceAccess.corrupt(store, digest);
    }
}
