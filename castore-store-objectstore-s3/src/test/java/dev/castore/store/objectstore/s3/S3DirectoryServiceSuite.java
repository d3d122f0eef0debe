package dev.castore.store.objectstore.s3;

import dev.castore.store.objectstore.directory.ObjectStoreDirectoryContract;
import dev.castore.store.objectstore.spi.ObjectStore;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The directory contract on S3, the same for every S3 server: a subclass names the server, which
 * runs from its first test to its last ({@link SuiteServer}).
 */
@ExtendWith(SuiteServer.class)
abstract class S3DirectoryServiceSuite extends ObjectStoreDirectoryContract {

    /** Starts the server this suite runs against. */
    protected abstract S3Server startServer() throws Exception;

    @Override
    protected ObjectStore newStore() throws Exception {
        return SuiteServer.get(this::startServer).newStore("");
    }
}
