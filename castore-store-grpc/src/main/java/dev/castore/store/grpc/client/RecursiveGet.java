package dev.castore.store.grpc.client;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.RootFirstVerifier;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Optional;

/**
 * One recursive Get, read lazily: the call starts at the first {@link #next()}, each message is
 * decoded and checked by a {@link RootFirstVerifier} when the consumer reaches it, the end of the
 * stream checks that nothing referenced is missing, and closing cancels the call. An empty answer
 * means the root is not stored.
 */
final class RecursiveGet implements ClosureStream {

    private final GrpcDirectoryService service;
    private final B3Digest root;
    private final RootFirstVerifier verifier;
    private InboundStream<dev.castore.store.grpc.proto.Directory> call;
    private boolean finished;

    RecursiveGet(GrpcDirectoryService service, B3Digest root) {
        this.service = service;
        this.root = root;
        this.verifier = new RootFirstVerifier(root);
    }

    @Override
    public Optional<Directory> next() throws IOException {
        if (finished) {
            return Optional.empty();
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
                return Optional.empty();
            }
            Directory d = service.decode(message, root);
            verifier.accept(d);
            return Optional.of(d);
        } catch (IOException e) {
            close();
            throw e;
        } catch (RuntimeException e) {
            close();
            if (RemoteErrors.isNotFound(e)) {
                // Not what tvix/snix servers answer for a missing root, but it means the same.
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        finished = true;
        if (call != null) {
            call.close();
        }
    }
}
