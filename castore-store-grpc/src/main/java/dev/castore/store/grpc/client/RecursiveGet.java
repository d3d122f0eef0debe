package dev.castore.store.grpc.client;

import dev.castore.api.directory.RootFirstVerifier;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One recursive Get as a lazy stream: each message is decoded and checked by a
 * {@link RootFirstVerifier} when the consumer reaches it, the end of the stream checks that
 * nothing referenced is missing, and closing the stream cancels the call. An empty answer means
 * the root is not stored.
 */
final class RecursiveGet implements Iterator<Directory> {

    private final GrpcDirectoryService service;
    private final B3Digest root;
    private final RootFirstVerifier verifier;
    private InboundStream<dev.castore.store.grpc.proto.Directory> call;
    private Directory pending;
    private boolean finished;

    RecursiveGet(GrpcDirectoryService service, B3Digest root) {
        this.service = service;
        this.root = root;
        this.verifier = new RootFirstVerifier(root);
    }

    Stream<Directory> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        try {
            if (call == null) {
                call = service.get(root, true);
            }
            dev.castore.store.grpc.proto.Directory message = call.next();
            if (message == null) {
                finished = true;
                verifier.finish();
                close();
                return false;
            }
            Directory d = service.decode(message, root);
            verifier.accept(d);
            pending = d;
            return true;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            if (RemoteErrors.isNotFound(e)) {
                // Not what tvix/snix servers answer for a missing root, but it means the same.
                finished = true;
                return false;
            }
            throw e;
        }
    }

    @Override
    public Directory next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Directory d = pending;
        pending = null;
        return d;
    }

    private void close() {
        finished = true;
        if (call != null) {
            call.close();
        }
    }
}
