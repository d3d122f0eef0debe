/**
 * Serves stored trees read-only over HTTP with the JDK's HTTP server: listen scheme {@code http}
 * ({@code castore daemon --listen http://127.0.0.1:8080}, {@code castore serve-http}).
 *
 * @provides dev.castore.api.spi.ListenerProvider
 */
module dev.castore.http {
    requires dev.castore.api;
    requires jdk.httpserver;
    requires org.slf4j;

    exports dev.castore.http;

    provides dev.castore.api.spi.ListenerProvider with dev.castore.http.HttpListenerProvider;
}
