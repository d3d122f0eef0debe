package dev.castore.store.objectstore.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An s3proxy server for the tests of one class: started before the first, stopped after the
 * last. Register it as a static field with {@code @RegisterExtension}.
 */
final class S3ProxyPerClass implements BeforeAllCallback, AfterAllCallback {

    private S3ProxyServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new S3ProxyServer();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    /** The running server. */
    S3ProxyServer server() {
        return server;
    }
}
