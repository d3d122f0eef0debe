package dev.castore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests of clients that find nobody there. */
public final class Ports {

    private Ports() {}

    /** A loopback port that was free a moment ago and that nothing listens on: a connection to it is refused. */
    public static int nothingListening() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
