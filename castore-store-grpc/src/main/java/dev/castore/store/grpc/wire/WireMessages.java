package dev.castore.store.grpc.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.InvalidDirectoryException;
import dev.castore.store.grpc.proto.StatBlobResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversions between the generated wire messages and the api model. Directories cross as their
 * canonical bytes: the api codec validates them and computes digests over a re-encoding, never
 * over what was received.
 */
public final class WireMessages {

    private WireMessages() {}

    /** The wire form of {@code directory}. */
    public static dev.castore.store.grpc.proto.Directory toWire(Directory directory) {
        try {
            return dev.castore.store.grpc.proto.Directory.parseFrom(directory.encode());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the canonical encoding of a directory did not parse", e);
        }
    }

    /**
     * The validated directory a wire message holds.
     *
     * @throws InvalidDirectoryException when it breaks the model's rules
     */
    public static Directory fromWire(dev.castore.store.grpc.proto.Directory message) {
        return Directory.decode(message.toByteArray());
    }

    /** The digest in {@code bytes}, or empty when it is not 32 bytes long. */
    public static Optional<B3Digest> digest(ByteString bytes) {
        return bytes.size() == B3Digest.LENGTH ? Optional.of(B3Digest.of(bytes.toByteArray())) : Optional.empty();
    }

    /** The wire form of a digest. */
    public static ByteString bytes(B3Digest digest) {
        return ByteString.copyFrom(digest.toBytes());
    }

    /** The Stat answer listing {@code chunks}. */
    public static StatBlobResponse statResponse(List<ChunkMeta> chunks) {
        StatBlobResponse.Builder b = StatBlobResponse.newBuilder();
        for (ChunkMeta c : chunks) {
            b.addChunks(StatBlobResponse.ChunkMeta.newBuilder().setDigest(bytes(c.digest())).setSize(c.size()));
        }
        return b.build();
    }

    /**
     * The chunk list of a Stat answer; every chunk digest must be 32 bytes.
     *
     * @throws CorruptDataException naming the first bad entry
     */
    public static List<ChunkMeta> chunks(StatBlobResponse response, B3Digest blob) throws CorruptDataException {
        List<ChunkMeta> out = new ArrayList<>(response.getChunksCount());
        for (int i = 0; i < response.getChunksCount(); i++) {
            StatBlobResponse.ChunkMeta c = response.getChunks(i);
            int i0 = i;
            B3Digest d = digest(c.getDigest()).orElseThrow(() -> new CorruptDataException("the chunk list of blob "
                    + blob.toHex() + " is invalid: chunk " + i0 + " has a digest of " + c.getDigest().size()
                    + " bytes, expected 32"));
            out.add(new ChunkMeta(d, c.getSize()));
        }
        return List.copyOf(out);
    }
}
