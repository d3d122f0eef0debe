package dev.castore.store.grpc.wire;

/**
 * Settings of the netty copy inside grpc-netty-shaded, made before its first class is used.
 *
 * <p>Its buffer allocator registers JFR event classes the first time it allocates, whether or
 * not a recording asks for them: about a fifth of a second of a core in a command's start through
 * a daemon, on the event loop ahead of the first message (BENCHMARKS.md, "Through the daemon: the
 * client's start"). Off unless the property is set (e.g. {@code CASTORE_JAVA_OPTS=
 * -Dio.grpc.netty.shaded.io.netty.jfr.enabled=true} to record the allocator's events). The
 * property names the shaded copy, so no other netty in the process is affected.
 */
public final class ShadedNetty {

    static final String JFR_EVENTS = "io.grpc.netty.shaded.io.netty.jfr.enabled";

    private ShadedNetty() {}

    /** Applies the settings that are not set already; call before the channel or server is built. */
    public static void configure() {
        if (System.getProperty(JFR_EVENTS) == null) {
            System.setProperty(JFR_EVENTS, "false");
        }
    }
}
