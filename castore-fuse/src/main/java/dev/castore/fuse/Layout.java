package dev.castore.fuse;

/**
 * Offsets in the C structures that the callbacks fill or read, for Linux on x86_64 with
 * libfuse 3.14 (FUSE_USE_VERSION 31), taken with {@code offsetof} from the headers. Other
 * architectures lay out {@code struct stat} differently; a mount there is refused.
 */
final class Layout {

    /** {@code sizeof(struct fuse_operations)}. */
    static final long OPERATIONS_SIZE = 336;
    static final long OP_GETATTR = 0;
    static final long OP_READLINK = 8;
    static final long OP_OPEN = 96;
    static final long OP_READ = 104;
    static final long OP_RELEASE = 136;
    static final long OP_READDIR = 192;

    /** {@code sizeof(struct stat)} and its fields. */
    static final long STAT_SIZE = 144;
    static final long ST_NLINK = 16;
    static final long ST_MODE = 24;
    static final long ST_UID = 28;
    static final long ST_GID = 32;
    static final long ST_SIZE = 48;
    static final long ST_BLKSIZE = 56;
    static final long ST_BLOCKS = 64;

    /** {@code struct fuse_file_info}: open flags, the bit-field word, the handle. */
    static final long FI_FLAGS = 0;
    static final long FI_BITS = 4;
    static final int FI_KEEP_CACHE = 1 << 2;
    static final long FI_FH = 16;

    /** {@code struct fuse_args}: argc, argv, allocated. */
    static final long ARGS_SIZE = 24;
    static final long ARGS_ARGV = 8;

    private Layout() {}

    /** Whether this machine is the one these offsets are for. */
    static boolean applies() {
        return System.getProperty("os.name").equals("Linux")
                && (System.getProperty("os.arch").equals("amd64") || System.getProperty("os.arch").equals("x86_64"));
    }
}
