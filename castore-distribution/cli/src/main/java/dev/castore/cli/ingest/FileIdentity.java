package dev.castore.cli.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What tells a file's contents apart without reading them, as restic and borg decide it: size,
 * modification and change time (nanoseconds), inode and device. Writing a file changes its change
 * time, which no user can set back, so a file changed in place never matches its old identity.
 */
public record FileIdentity(long size, long mtimeNanos, long ctimeNanos, long inode, long device) {

    /** The identity of {@code path} (not following a symlink): one stat. */
    public static FileIdentity of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:size,lastModifiedTime,ctime,ino,dev", LinkOption.NOFOLLOW_LINKS);
        return new FileIdentity((Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
                nanos((FileTime) a.get("ctime")), (Long) a.get("ino"), (Long) a.get("dev"));
    }

    private static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Whether a change after {@code readStartNanos} (epoch nanoseconds) would surely show in the
     * times: a file whose times lie within the file system's timestamp granularity of the read
     * could be written again with the same times, so it must not be remembered.
     */
    public boolean settledBefore(long readStartNanos) {
        long margin = 2_000_000_000L;
        return mtimeNanos < readStartNanos - margin && ctimeNanos < readStartNanos - margin;
    }
}
