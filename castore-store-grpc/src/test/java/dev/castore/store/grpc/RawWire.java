package dev.castore.store.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls by method path with hand-encoded request bytes, independent of the generated classes: what
 * a tvix or snix peer puts on the wire, built from the spec's field numbers.
 */
final class RawWire implements AutoCloseable {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private final ManagedChannel channel;

    RawWire(int port) {
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static MethodDescriptor<byte[], byte[]> method(String fullName, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setFullMethodName(fullName)
                .setType(type)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    byte[] unary(String fullName, byte[] request) {
        return ClientCalls.blockingUnaryCall(channel, method(fullName, MethodDescriptor.MethodType.UNARY),
                CallOptions.DEFAULT, request);
    }

    List<byte[]> serverStreaming(String fullName, byte[] request) {
        Iterator<byte[]> it = ClientCalls.blockingServerStreamingCall(channel,
                method(fullName, MethodDescriptor.MethodType.SERVER_STREAMING), CallOptions.DEFAULT, request);
        List<byte[]> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    byte[] clientStreaming(String fullName, List<byte[]> requests) throws Exception {
        return clientStreaming(fullName, requests, CallOptions.DEFAULT);
    }

    byte[] clientStreaming(String fullName, List<byte[]> requests, CallOptions options) throws Exception {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        StreamObserver<byte[]> in = ClientCalls.asyncClientStreamingCall(
                channel.newCall(method(fullName, MethodDescriptor.MethodType.CLIENT_STREAMING), options),
                new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.complete(null);
                    }
                });
        requests.forEach(in::onNext);
        in.onCompleted();
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    // --- hand encoding from field numbers ---

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** A length-delimited field (wire type 2). */
    static byte[] bytesField(int field, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (field << 3) | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** A varint field (wire type 0). */
    static byte[] varintField(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, field << 3);
        varint(out, value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** The bytes of field 1 of a message holding only that length-delimited field (BlobChunk.data). */
    static byte[] field1(byte[] message) {
        if (message.length == 0) {
            return message;
        }
        if (message[0] != 0x0a) {
            throw new AssertionError("expected field 1, wire type 2, got tag " + message[0]);
        }
        int length = 0;
        int shift = 0;
        int i = 1;
        byte b;
        do {
            b = message[i++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (i + length != message.length) {
            throw new AssertionError("field 1 has " + length + " bytes, the message " + (message.length - i));
        }
        return java.util.Arrays.copyOfRange(message, i, message.length);
    }
}
