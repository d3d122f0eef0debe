package dev.castore.store.objectstore.s3;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.objectstore.backend.S3ObjectStore;
import dev.castore.store.objectstore.directory.DirectoryServiceAccess;
import dev.castore.testkit.DirectoryServiceContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The directory contract on S3, the same for every S3 server: a subclass names the server, which
 * runs from its first test to its last ({@link SuiteServer}).
 */
abstract class S3DirectoryServiceSuite extends DirectoryServiceContract {

    private S3ObjectStore store;

    /** Starts the server this suite runs against. */
    protected abstract S3Server startServer() throws Exception;

    @AfterAll
    static void stopServer() throws Exception {
        SuiteServer.stop();
    }

    @Override
    protected DirectoryService newDirectoryService() throws Exception {
        store = SuiteServer.get(this::startServer).newStore("");
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
