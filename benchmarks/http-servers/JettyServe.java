// Jetty 12.1 doing what JdkServe does, the big body through a blocking OutputStream on a virtual thread.
import org.eclipse.jetty.server.*;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import java.io.*;
import java.nio.ByteBuffer;
public class JettyServe {
    public static void main(String[] a) throws Exception {
        byte[] buf = new byte[1 << 20];
        byte[] small = new byte[1024];
        Server s = new Server(new org.eclipse.jetty.util.thread.QueuedThreadPool());
        ServerConnector c = new ServerConnector(s);
        c.setHost("127.0.0.1"); c.setPort(Integer.parseInt(a[0]));
        s.addConnector(c);
        s.setHandler(new Handler.Abstract.NonBlocking() {
            @Override public boolean handle(Request req, Response res, Callback cb) throws Exception {
                if (req.getHttpURI().getPath().equals("/big")) {
                    res.getHeaders().put(HttpHeader.CONTENT_LENGTH, 1L << 30);
                    // blocking copy on a thread of its own, as a blob stream would be read
                    Thread.ofVirtual().start(() -> {
                        try (OutputStream o = Content.Sink.asOutputStream(res)) {
                            for (int i = 0; i < 1024; i++) o.write(buf);
                            cb.succeeded();
                        } catch (Throwable t) { cb.failed(t); }
                    });
                } else {
                    res.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                    res.getHeaders().put(HttpHeader.CONTENT_LENGTH, small.length);
                    res.write(true, ByteBuffer.wrap(small), cb);
                }
                return true;
            }
        });
        s.start();
    }
}
