package dev.castore.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy between a client and a server that fails the way peers fail: {@link #cut()}
 * resets every open connection at once, as the kernel does when a process dies (new connections
 * are still accepted, so a retry reaches the server again); {@link #stall()} stops forwarding in
 * both directions while keeping the connections open, as a stopped process or a dead network
 * does; {@link #resume()} lets bytes flow again. {@link #at} arms a fault for the moment a
 * transfer has come so far in one direction, so it strikes in the middle of a put or a read
 * however fast loopback is.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicLong downstream = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final Object gate = new Object();
    private boolean stalled;
    private volatile boolean down;
    private final List<Trigger> triggers = new CopyOnWriteArrayList<>();

    /** What {@link #at} does: {@link #cut()}, {@link #kill()} or {@link #stall()}. */
    public enum Fault { CUT, KILL, STALL }

    /** Which way the bytes a trigger counts go. */
    public enum Direction { UPSTREAM, DOWNSTREAM }

    private record Trigger(Direction direction, long bytes, Fault fault) {}

    /** A proxy on a free loopback port in front of {@code targetPort} on loopback. */
    public FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("fault-proxy-accept").start(this::acceptLoop);
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Connections forwarded to the server so far (those {@link #kill()} refused are not counted). */
    public int connections() {
        return connections.get();
    }

    /** Bytes forwarded from clients to the server so far. */
    public long upstreamBytes() {
        return upstream.get();
    }

    /** Bytes forwarded from the server to clients so far. */
    public long downstreamBytes() {
        return downstream.get();
    }

    /**
     * Arms {@code fault} for when the bytes forwarded {@code direction} (towards the server, or
     * towards clients) reach {@code bytes}, counted from now; once.
     */
    public void at(Direction direction, long bytes, Fault fault) {
        long base = direction == Direction.UPSTREAM ? upstream.get() : downstream.get();
        triggers.add(new Trigger(direction, base + bytes, fault));
    }

    /** Resets every open connection; later connections go through as before. */
    public void cut() {
        for (Socket s : sockets) {
            reset(s);
        }
        sockets.clear();
        resume();
    }

    /**
     * Resets every open connection and every new one until {@link #revive()}: the server is gone,
     * and retries fail too.
     */
    public void kill() {
        down = true;
        cut();
    }

    /** Lets connections through again after {@link #kill()}. */
    public void revive() {
        down = false;
    }

    /** Stops forwarding bytes, in both directions, without closing anything. */
    public void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /** Forwards bytes again after {@link #stall()}. */
    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    reset(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                connections.incrementAndGet();
                sockets.add(client);
                sockets.add(server);
                pump(client, server, upstream, Direction.UPSTREAM);
                pump(server, client, downstream, Direction.DOWNSTREAM);
            } catch (IOException e) {
                // closed, or the server is gone: the client sees its connection fail
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter, Direction direction) {
        Thread.ofPlatform().daemon().name("fault-proxy-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitFlowing();
                    out.write(buffer, 0, n);
                    out.flush();
                    fire(direction, counter.addAndGet(n));
                }
            } catch (IOException | InterruptedException e) {
                // one side went away: the other is reset below
            } finally {
                reset(from);
                reset(to);
            }
        });
    }

    private void fire(Direction direction, long count) {
        for (Trigger t : triggers) {
            if (t.direction() == direction && count >= t.bytes() && triggers.remove(t)) {
                switch (t.fault()) {
                    case CUT -> cut();
                    case KILL -> kill();
                    case STALL -> stall();
                }
            }
        }
    }

    private void awaitFlowing() throws InterruptedException {
        synchronized (gate) {
            while (stalled) {
                gate.wait();
            }
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        cut();
    }
}
