package dev.castore.store.grpc.wire;

/**
 * How large one gRPC message may be, in both directions.
 */
public final class MessageSize {

    /**
     * The largest message a server or client of ours accepts, after decompression: 4 MiB, the
     * default of grpc-java and of tonic, so of tvix and snix too. Blob bytes travel in messages of
     * 256 KiB and directories are far smaller than this; a peer that sends more gets
     * RESOURCE_EXHAUSTED before the message is buffered, and a compressed message is cut off as
     * soon as it inflates beyond it.
     */
    public static final int MAX = 4 << 20;

    private MessageSize() {}
}
