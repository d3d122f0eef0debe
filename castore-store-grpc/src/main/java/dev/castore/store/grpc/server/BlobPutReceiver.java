package dev.castore.store.grpc.server;

import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.FailureLog;
import dev.castore.store.grpc.proto.PutBlobResponse;
import dev.castore.store.grpc.wire.ReceivedChunk;
import dev.castore.store.grpc.wire.WireMessages;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a Put of a blob: asks the client for one message at a time and asks for the next only
 * once the previous one is in the backend's writer, so the server never queues more than one
 * message per call. On half-close it commits and answers the digest; a cancelled or failed call
 * closes the writer without commit, which discards the partial blob.
 */
final class BlobPutReceiver implements StreamObserver<ReceivedChunk> {

    private static final Logger LOG = LoggerFactory.getLogger(BlobPutReceiver.class);

    private final BlobWriter writer;
    private final ServerCallStreamObserver<PutBlobResponse> call;
    private final FailureLog failures;
    private boolean finished;

    BlobPutReceiver(BlobWriter writer, ServerCallStreamObserver<PutBlobResponse> call, FailureLog failures) {
        this.writer = writer;
        this.call = call;
        this.failures = failures;
        call.disableAutoRequest();
        call.setOnCancelHandler(this::discard);
        call.request(1);
    }

    @Override
    public void onNext(ReceivedChunk chunk) {
        if (finished) {
            return;
        }
        try {
            // Views of the transport's buffers, released when this returns: the writer copies them.
            chunk.writeTo(writer);
            call.request(1);
        } catch (IOException | RuntimeException e) {
            failures.failed("storing a blob", e);
            discard();
            call.onError(Status.INTERNAL.withDescription("error copying: " + e.getMessage()).withCause(e)
                    .asRuntimeException());
        }
    }

    @Override
    public void onError(Throwable t) {
        discard();
    }

    @Override
    public void onCompleted() {
        if (finished) {
            return;
        }
        B3Digest digest;
        try {
            digest = writer.commit();
        } catch (IOException | RuntimeException e) {
            failures.failed("committing a blob", e);
            discard();
            call.onError(Status.INTERNAL.withDescription("error closing stream: " + e.getMessage()).withCause(e)
                    .asRuntimeException());
            return;
        }
        discard();
        call.onNext(PutBlobResponse.newBuilder().setDigest(WireMessages.bytes(digest)).build());
        call.onCompleted();
    }

    private void discard() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            writer.close();
        } catch (IOException e) {
            LOG.debug("closing a blob writer failed", e);
        }
    }
}
