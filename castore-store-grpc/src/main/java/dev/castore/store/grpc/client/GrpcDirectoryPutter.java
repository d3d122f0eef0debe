package dev.castore.store.grpc.client;

import dev.castore.api.CorruptDataException;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.store.grpc.proto.PutDirectoryResponse;
import dev.castore.store.grpc.wire.WireMessages;
import java.io.IOException;

/**
 * Streams a closure to a server's Put as the directories arrive, leaves first. Each one is also
 * checked locally with a {@link DirectoryGraph}, so a bad closure fails here with the same error
 * as on any other store, before the server sees it. The commit half-closes the call; the server
 * validates again, stores the closure and answers the root, which must be the local one.
 * Closing without a commit cancels the call: the server stores nothing.
 */
final class GrpcDirectoryPutter implements DirectoryPutter {

    private final RemoteEndpoint endpoint;
    private final DirectoryGraph graph = new DirectoryGraph();
    private OutboundStream<dev.castore.store.grpc.proto.Directory, PutDirectoryResponse> stream;
    private boolean closed;

    GrpcDirectoryPutter(RemoteEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public synchronized void put(Directory directory) throws IOException {
        if (closed) {
            throw new InvalidRequestException("directory putter already closed");
        }
        int before = graph.size();
        graph.add(directory);
        if (graph.size() == before) {
            return; // already sent in this stream
        }
        if (stream == null) {
            stream = OutboundStream.start(endpoint, endpoint.methods().putDirectory(), "directory put");
        }
        stream.send(WireMessages.toWire(directory));
    }

    @Override
    public synchronized B3Digest commit() throws IOException {
        if (closed) {
            throw new InvalidRequestException("already closed");
        }
        closed = true;
        DirectoryGraph.ValidatedClosure closure;
        try {
            closure = graph.validate();
        } catch (RuntimeException e) {
            cancel();
            throw e;
        }
        if (closure.root().isEmpty()) {
            throw new InvalidRequestException("got no directories");
        }
        PutDirectoryResponse response = stream.finish();
        B3Digest root = closure.root().get();
        B3Digest answered = WireMessages.digest(response.getRootDigest()).orElseThrow(() -> new CorruptDataException(
                "the server at " + endpoint.target() + " answered a directory put with a root digest of "
                        + response.getRootDigest().size() + " bytes, expected 32"));
        if (!answered.equals(root)) {
            throw new CorruptDataException("the server at " + endpoint.target() + " stored root " + answered.toHex()
                    + ", but the closure sent has root " + root.toHex());
        }
        return root;
    }

    private void cancel() {
        if (stream != null) {
            stream.cancel();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            cancel();
        }
        closed = true;
    }
}
