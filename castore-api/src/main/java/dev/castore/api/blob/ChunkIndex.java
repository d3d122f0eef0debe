package dev.castore.api.blob;

import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.internal.proto.MalformedProtoException;
import dev.castore.api.internal.proto.ProtoReader;
import dev.castore.api.internal.proto.ProtoWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunk list of a blob in its wire form, a protobuf {@code StatBlobResponse} with repeated
 * {@code chunks} (field 2: {@code ChunkMeta{1: digest, 2: size}}); {@code bao} (field 3) is never
 * written and ignored on read. This is what the object store keeps under {@code blobs/b3/...}
 * and what the gRPC Stat call answers; an empty list encodes as zero bytes.
 */
public final class ChunkIndex {

    private ChunkIndex() {}

    /** The canonical encoding of {@code chunks}. */
    public static byte[] encode(List<ChunkMeta> chunks) {
        int total = 0;
        for (ChunkMeta c : chunks) {
            total += ProtoWriter.lenFieldSize(metaSize(c));
        }
        ProtoWriter w = new ProtoWriter(total);
        for (ChunkMeta c : chunks) {
            w.lenHeader(2, metaSize(c));
            w.bytesField(1, c.digest().toBytes());
            if (c.size() != 0) {
                w.varintField(2, c.size());
            }
        }
        return w.finish();
    }

    private static int metaSize(ChunkMeta c) {
        return ProtoWriter.lenFieldSize(B3Digest.LENGTH) + (c.size() != 0 ? 1 + ProtoWriter.varintSize(c.size()) : 0);
    }

    /** Decodes a chunk list; every chunk digest must be 32 bytes. */
    public static List<ChunkMeta> decode(byte[] bytes) throws CorruptDataException {
        try {
            ProtoReader r = new ProtoReader(bytes, 0, bytes.length);
            List<ChunkMeta> out = new ArrayList<>();
            while (r.hasMore()) {
                int tag = r.readTag();
                if (tag >>> 3 == 2) {
                    ProtoReader.expectWireType(tag, ProtoWriter.LEN, "chunks");
                    int start = r.readLengthDelimited();
                    out.add(decodeMeta(new ProtoReader(bytes, start, r.position() - start)));
                } else {
                    r.skip(tag & 7);
                }
            }
            return List.copyOf(out);
        } catch (MalformedProtoException e) {
            throw new CorruptDataException("malformed chunk list: " + e.getMessage(), e);
        }
    }

    private static ChunkMeta decodeMeta(ProtoReader r) throws CorruptDataException {
        byte[] digest = null;
        long size = 0;
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> { ProtoReader.expectWireType(tag, ProtoWriter.LEN, "digest"); digest = r.readBytes(); }
                case 2 -> { ProtoReader.expectWireType(tag, ProtoWriter.VARINT, "size"); size = r.readVarint(); }
                default -> r.skip(tag & 7);
            }
        }
        int len = digest == null ? 0 : digest.length;
        if (len != B3Digest.LENGTH) {
            throw new CorruptDataException("malformed chunk list: invalid digest length: " + len);
        }
        return new ChunkMeta(B3Digest.of(digest), size);
    }
}
