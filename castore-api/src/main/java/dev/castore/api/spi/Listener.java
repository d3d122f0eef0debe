package dev.castore.api.spi;

/** A running front end started by a {@link ListenerProvider}. */
public interface Listener extends AutoCloseable {

    /** Where it listens, with the real port when port 0 was asked for. */
    String address();

    /**
     * Says whether the stores behind this front end answer: a front end with a health or
     * readiness check reports it there ({@code NOT_SERVING} when false). The default does nothing.
     */
    default void ready(boolean ready) {}

    /** Blocks until the listener has stopped. */
    void awaitTermination() throws InterruptedException;

    /** Stops accepting, lets calls in flight finish for a short grace period, then stops. */
    @Override
    void close();
}
