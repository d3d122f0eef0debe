package dev.castore.store.grpc.client;

import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.grpc.proto.BlobChunk;
import dev.castore.store.grpc.proto.ReadBlobRequest;
import dev.castore.store.grpc.proto.StatBlobRequest;
import dev.castore.store.grpc.proto.StatBlobResponse;
import dev.castore.store.grpc.wire.WireMessages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A blob service on a remote castore (or tvix/snix) gRPC server.
 *
 * <p>{@link #has} and {@link #chunks} are a Stat. {@link #open} reads the blob, and asks Stat for
 * the chunk list only once more than {@link #READ_FIRST} bytes have come: with two or more chunks
 * it returns a seekable reader that cuts the chunks out of that Read (each chunk with a Read of its
 * own from a seek on) and verifies each before serving it; otherwise it reads the whole blob once,
 * hashing it, and hands out a reader only after the digest matched. Blobs up to
 * {@link VerifiedDownload#IN_MEMORY_LIMIT}
 * are held in the messages received, larger ones in a {@link dev.castore.api.blob.Spool}
 * (memory while the machine has it to spare, then a temporary file) gone when the reader is
 * closed.
 * Writers stream their bytes in messages of {@link GrpcBlobWriter#MESSAGE_SIZE} with flow
 * control; the digest {@link BlobWriter#commit()} returns is the one the server computed.
 */
public final class GrpcBlobService implements BlobService {

    /** A chunk larger than this is refused rather than buffered: no store produces such chunks. */
    static final long MAX_CHUNK_SIZE = 64L << 20;

    /**
     * Calls worth keeping in flight ({@link #callsInFlight()}): an import of 20,000 small files
     * through a daemon on loopback took 7.9 to 8.4 s with 2 at once, 4.9 to 5.0 s with 16
     * (BENCHMARKS.md, "The data path").
     */
    static final int CALLS_IN_FLIGHT = 16;

    /** A blob read whole before its chunk list is asked for: the bytes {@link #open} reads first. */
    static final long READ_FIRST = 1 << 20;

    private final RemoteEndpoint endpoint;
    private final Path spoolDirectory;

    private GrpcBlobService(RemoteEndpoint endpoint, Path spoolDirectory) {
        this.endpoint = endpoint;
        this.spoolDirectory = spoolDirectory;
    }

    /** A client for {@code settings}; with {@code wait-connect=1} it connects before returning. */
    public static GrpcBlobService connect(ClientSettings settings) throws IOException {
        return connect(settings, Telemetry.none());
    }

    /** A client for {@code settings} whose calls carry the trace context and are reported to {@code telemetry}. */
    public static GrpcBlobService connect(ClientSettings settings, Telemetry telemetry) throws IOException {
        return new GrpcBlobService(RemoteEndpoint.open(settings, telemetry), Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return stat(digest, false).isPresent();
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        Optional<StatBlobResponse> response = stat(digest, true);
        if (response.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(WireMessages.chunks(response.get(), digest));
    }

    private Optional<StatBlobResponse> stat(B3Digest digest, boolean sendChunks) throws IOException {
        StatBlobRequest request = StatBlobRequest.newBuilder()
                .setDigest(WireMessages.bytes(digest))
                .setSendChunks(sendChunks)
                .build();
        try {
            return UnaryCall.callOrNotFound(endpoint.channel(), endpoint.methods().stat(), endpoint.callOptions(), request);
        } catch (RuntimeException e) {
            throw RemoteErrors.toIOException(e, endpoint.target(), "stat of blob " + digest.toHex());
        }
    }

    /**
     * The blob, verified. Read first: most blobs are small, and a small one comes whole in the
     * Read's first messages and is verified whole, where asking for its chunk list first would cost
     * a call more per blob (an export of 20,000 small files from a daemon: 7.0 against 5.1 s). A
     * blob that outgrows {@link #READ_FIRST} asks for its chunk list after all: one of several
     * chunks is cut chunk by chunk out of the same Read ({@link StreamedChunks}), each chunk
     * verified before it is served; any other is received to its end and verified whole.
     */
    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        InboundStream<BlobChunk> stream = read(digest);
        boolean handedOver = false;
        try (VerifiedDownload download = new VerifiedDownload(digest, spoolDirectory)) {
            if (!download.receive(stream, READ_FIRST)) {
                Optional<List<ChunkMeta>> chunks = chunks(digest);
                if (chunks.isPresent() && chunks.get().size() >= 2) {
                    // The reader's close cancels the Read.
                    StreamedChunks streamed = new StreamedChunks(chunks.get(), stream, download.received(),
                            this::fetchChunk);
                    handedOver = true;
                    return Optional.of(new ChunkedBlobReader(digest, chunks.get(), streamed));
                }
                download.receive(stream, Long.MAX_VALUE);
            }
            return Optional.of(download.verified());
        } catch (RuntimeException e) {
            if (RemoteErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        } finally {
            if (!handedOver) {
                stream.close();
            }
        }
    }

    InboundStream<BlobChunk> read(B3Digest digest) {
        return InboundStream.start(endpoint, endpoint.methods().read(),
                ReadBlobRequest.newBuilder().setDigest(WireMessages.bytes(digest)).build(),
                "read of blob " + digest.toHex());
    }

    /** The bytes of one listed chunk; {@link ChunkedBlobReader} verifies them. */
    private ByteBuffer fetchChunk(ChunkMeta chunk) throws IOException {
        checkSize(chunk);
        ByteBuffer out = ByteBuffer.allocate((int) chunk.size());
        try (InboundStream<BlobChunk> stream = read(chunk.digest())) {
            for (BlobChunk m = stream.next(); m != null; m = stream.next()) {
                if (m.getData().size() > out.remaining()) {
                    throw new CorruptDataException("chunk " + chunk.digest().toHex() + " has more than the "
                            + chunk.size() + " bytes its chunk list says");
                }
                m.getData().copyTo(out);
            }
        } catch (RuntimeException e) {
            if (RemoteErrors.isNotFound(e)) {
                throw new StorageException("chunk " + chunk.digest().toHex() + " is listed but not found at "
                        + endpoint.target());
            }
            throw e;
        }
        return out.flip();
    }

    /** Fails unless {@code chunk} is listed with at most {@link #MAX_CHUNK_SIZE} bytes, before anything is allocated for it. */
    static void checkSize(ChunkMeta chunk) throws CorruptDataException {
        if (Long.compareUnsigned(chunk.size(), MAX_CHUNK_SIZE) > 0) {
            throw new CorruptDataException("chunk " + chunk.digest().toHex() + " is listed with "
                    + Long.toUnsignedString(chunk.size()) + " bytes, more than the " + MAX_CHUNK_SIZE
                    + " bytes a chunk may have");
        }
    }

    @Override
    public BlobWriter openWriter() {
        return new GrpcBlobWriter(endpoint);
    }

    /** Each put and stat waits a round trip to the server: more of them at once keep both sides busy. */
    @Override
    public int callsInFlight() {
        return CALLS_IN_FLIGHT;
    }

    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "grpc blob service at " + endpoint.target() + " (" + endpoint.methods().wirePackage().protoPackage() + ")";
    }
}
