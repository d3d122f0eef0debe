// The JDK's HTTP server: GET /big writes 1 GiB from a 1 MiB buffer, any other path 1 KiB (benchmarks/http-servers.sh).
import com.sun.net.httpserver.*;
import java.io.*;
import java.net.*;
import java.util.concurrent.*;
public class JdkServe {
    public static void main(String[] a) throws Exception {
        byte[] buf = new byte[1 << 20];
        byte[] small = new byte[1024];
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(a[0])), 128);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            try (ex) {
                if (ex.getRequestURI().getPath().equals("/big")) {
                    ex.sendResponseHeaders(200, 1L << 30);
                    OutputStream o = ex.getResponseBody();
                    for (int i = 0; i < 1024; i++) o.write(buf);
                } else {
                    ex.getResponseHeaders().set("Content-Type", "text/plain");
                    ex.sendResponseHeaders(200, small.length);
                    ex.getResponseBody().write(small);
                }
            }
        });
        s.start();
    }
}
