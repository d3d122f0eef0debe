package dev.castore.store.objectstore.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a server that, once {@code cutAfter} bytes went upstream,
 * plays a crashed host: it resets every open connection and from then on accepts new ones but
 * never answers. So clients see a connection dying mid-request and then a server that hangs,
 * which only their timeouts can end.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final long cutAfter;
    private final AtomicLong forwarded = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    CuttingProxy(int upstreamPort, long cutAfter) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.cutAfter = cutAfter;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cutting-proxy-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    boolean hasCut() {
        return cut;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                if (!cut) {
                    Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                    open.add(server);
                    Thread.ofVirtual().start(() -> pump(client, server, true));
                    Thread.ofVirtual().start(() -> pump(server, client, false));
                }
                // After the cut a connection is held open and never served.
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstreamBound) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while (!cut && (n = in.read(buf)) >= 0) {
                if (upstreamBound && forwarded.addAndGet(n) > cutAfter) {
                    cutEverything();
                    return;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // a peer went away, or the cut closed the sockets
        } finally {
            if (!cut) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }
    }

    private synchronized void cutEverything() {
        if (cut) {
            return;
        }
        cut = true;
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // reset, like a host that vanished
            } catch (IOException e) {
                // closed already
            }
            closeQuietly(s);
        }
        open.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
