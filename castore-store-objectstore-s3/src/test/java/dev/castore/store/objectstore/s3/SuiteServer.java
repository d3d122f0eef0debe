package dev.castore.store.objectstore.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The S3 server of the suite class running now: started for its first test, stopped after its
 * last (a suite declares {@code @ExtendWith(SuiteServer.class)}). Test classes run one at a time,
 * so one slot serves them all.
 */
final class SuiteServer implements AfterAllCallback {

    /** How a suite starts its server. */
    @FunctionalInterface
    interface Start {
        S3Server start() throws Exception;
    }

    private static S3Server server;

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** The running server, started with {@code start} if there is none. */
    static synchronized S3Server get(Start start) throws Exception {
        if (server == null) {
            server = start.start();
        }
        return server;
    }

    /** Stops the running server, if any. */
    static synchronized void stop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
