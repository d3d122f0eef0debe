package dev.castore.store.grpc.wire;

import java.time.Duration;

/**
 * How either side notices that its peer is gone without saying so (a host that vanished, a
 * process that stopped, a network that drops everything): HTTP/2 pings while calls are open. A
 * peer that dies outright resets its connections and is noticed at once; these bound the rest.
 */
public final class Liveness {

    /**
     * A client pings a server after this long without hearing from it during a call (grpc-java's
     * smallest allowed interval).
     */
    public static final Duration CLIENT_PING_AFTER = Duration.ofSeconds(10);

    /**
     * A ping unanswered for this long ends the connection and its calls with UNAVAILABLE: a
     * stalled server fails a client's call within {@code CLIENT_PING_AFTER + PING_TIMEOUT}, 20 s.
     */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

    /** A server pings a client after this long without hearing from it, so it discards a vanished client's Put. */
    public static final Duration SERVER_PING_AFTER = Duration.ofSeconds(30);

    /** The most often a server lets a client ping before it sends it away: more often than clients do. */
    public static final Duration PERMITTED_CLIENT_PINGS = Duration.ofSeconds(5);

    private Liveness() {}
}
