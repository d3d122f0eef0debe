package dev.castore.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store contracts share: each test runs on a fresh store, opened before it and closed
 * after it.
 *
 * @param <S> the service interface under test
 */
abstract class StoreContract<S extends AutoCloseable> {

    /** The fresh store of the running test. */
    protected S service;

    /** A fresh, empty store: the contract's factory method, which the store's test implements. */
    abstract S openFresh() throws Exception;

    @BeforeEach
    void openService() throws Exception {
        service = openFresh();
    }

    @AfterEach
    void closeService() throws Exception {
        if (service != null) {
            service.close();
        }
    }
}
