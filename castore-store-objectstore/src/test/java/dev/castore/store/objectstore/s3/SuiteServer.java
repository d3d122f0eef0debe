package dev.castore.store.objectstore.s3;

/**
 * The S3 server of the suite class running now: started for its first test, stopped after its
 * last. Test classes run one at a time, so one slot serves them all.
 */
final class SuiteServer {

    /** How a suite starts its server. */
    @FunctionalInterface
    interface Start {
        S3Server start() throws Exception;
    }

    private static S3Server server;

    private SuiteServer() {}

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
