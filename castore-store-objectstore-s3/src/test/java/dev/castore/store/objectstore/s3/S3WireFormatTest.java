package dev.castore.store.objectstore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.store.objectstore.spi.S3Options;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What an object PUT looks like on the wire: a plain body with its Content-Length, never the
 * SDK's aws-chunked framing, which a server that does not decode it would store as the object.
 */
class S3WireFormatTest {

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }

    private static WireRecorder.Request put(Map<String, String> extra, byte[] data) throws Exception {
        return put(extra, data, 0, data.length);
    }

    private static WireRecorder.Request put(Map<String, String> extra, byte[] data, int offset, int length) throws Exception {
        try (WireRecorder server = new WireRecorder()) {
            Map<String, String> options = new HashMap<>(S3ProxyServer.options(URI.create("http://127.0.0.1:" + server.port())));
            options.putAll(extra);
            try (S3ObjectStore store = new S3ObjectStore("bucket", "p", S3Options.parse(options))) {
                store.put("chunks/b3/0000/x", data, offset, length);
            }
            assertEquals(1, server.requests().size(), server.requests().toString());
            return server.requests().getFirst();
        }
    }

    @Test
    void aPutOverHttpIsThePlainBodySignedWithItsSha256() throws Exception {
        byte[] data = random(300_000);
        WireRecorder.Request r = put(Map.of(), data);
        assertTrue(r.line().startsWith("PUT /bucket/p/chunks/b3/0000/x "), r.line());
        assertArrayEquals(data, r.body(), "the body is the object, byte for byte");
        assertEquals(String.valueOf(data.length), r.headers().get("Content-Length"));
        assertFalse(r.headers().containsKey("Content-Encoding"), r.headers().toString());
        assertFalse(r.headers().containsKey("x-amz-decoded-content-length"), r.headers().toString());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(sha, r.headers().get("x-amz-content-sha256"), "over plain HTTP the signature covers the body");
    }

    @Test
    void aPutOfARangeSendsThatRangeAlone() throws Exception {
        // Writers frame chunks in reused arrays, larger than the frame they hold.
        byte[] data = random(300_000);
        WireRecorder.Request r = put(Map.of(), data, 1_000, 200_000);
        byte[] range = Arrays.copyOfRange(data, 1_000, 201_000);
        assertArrayEquals(range, r.body());
        assertEquals("200000", r.headers().get("Content-Length"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(range));
        assertEquals(sha, r.headers().get("x-amz-content-sha256"));
    }
}
