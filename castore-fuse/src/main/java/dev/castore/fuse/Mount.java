package dev.castore.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryReader;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.Listener;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mounted tree: libfuse's session, mounted read-only, its multi-threaded loop on a platform
 * thread of its own. {@link #close()} (the daemon's shutdown, on SIGTERM) unmounts, which ends
 * the loop; an unmount from outside ({@code umount}, {@code fusermount3 -u}) ends it too.
 */
final class Mount implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Mount.class);

    private final LibFuse fuse;
    private final MemorySegment session;
    private final Arena arena;
    private final TreeFileSystem fs;
    private final MountOptions options;
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread loop;

    private Mount(LibFuse fuse, MemorySegment session, Arena arena, TreeFileSystem fs, MountOptions options) {
        this.fuse = fuse;
        this.session = session;
        this.arena = arena;
        this.fs = fs;
        this.options = options;
    }

    static Mount start(MountOptions options, BlobService blobs, DirectoryService directories) throws IOException {
        if (!Layout.applies()) {
            throw new IOException("castore mount runs on Linux x86_64 only (its libfuse structure layouts are those)");
        }
        if (!Files.isDirectory(options.mountpoint())) {
            throw new InvalidRequestException("mount point " + options.mountpoint()
                    + (Files.exists(options.mountpoint()) ? " is not a directory" : " does not exist: make the directory first"));
        }
        DirectoryReader reader = new DirectoryReader(directories);
        Directory top = reader.root(options.root()).orElseThrow(() -> new InvalidRequestException(
                "no directory " + options.root().toHex() + " is stored"));
        LibFuse fuse = LibFuse.load();
        TreeFileSystem fs = new TreeFileSystem(blobs, reader, options.root(), top);
        Arena arena = Arena.ofShared();
        try {
            MemorySegment ops = new FuseOperations(fs, fuse).struct(arena);
            MemorySegment args = arguments(arena, List.of("castore", "-o", "ro,default_permissions,fsname=castore,"
                    + "subtype=castore,kernel_cache,entry_timeout=3600,attr_timeout=3600,negative_timeout=3600"));
            MemorySegment session = (MemorySegment) fuse.fuseNew.invokeExact(args, ops, Layout.OPERATIONS_SIZE,
                    MemorySegment.NULL);
            if (session.equals(MemorySegment.NULL)) {
                throw new IOException("libfuse refused the mount options (its message is above)");
            }
            MemorySegment path = arena.allocateFrom(options.mountpoint().toString());
            if ((int) fuse.fuseMount.invokeExact(session, path) != 0) {
                fuse.fuseDestroy.invokeExact(session);
                throw new IOException("mounting on " + options.mountpoint() + " failed (libfuse's message is above):"
                        + " it needs /dev/fuse and the right to mount (root, or fusermount3 from Debian's fuse3)");
            }
            Mount mount = new Mount(fuse, session, arena, fs, options);
            mount.loop = Thread.ofPlatform().name("castore-fuse").start(mount::run);
            return mount;
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IOException("mounting on " + options.mountpoint() + " failed: " + t, t);
        }
    }

    private static MemorySegment arguments(Arena arena, List<String> args) {
        MemorySegment argv = arena.allocate(ADDRESS, args.size() + 1L);
        for (int i = 0; i < args.size(); i++) {
            argv.setAtIndex(ADDRESS, i, arena.allocateFrom(args.get(i)));
        }
        MemorySegment fuseArgs = arena.allocate(Layout.ARGS_SIZE, 8);
        fuseArgs.set(JAVA_INT, 0, args.size());
        fuseArgs.set(ADDRESS, Layout.ARGS_ARGV, argv);
        return fuseArgs;
    }

    private void run() {
        try {
            int result = (int) fuse.fuseLoopMt.invokeExact(session, 0);
            LOG.debug("the FUSE loop of {} ended ({})", options.mountpoint(), result);
        } catch (Throwable t) {
            LOG.warn("the FUSE loop of {} failed: {}", options.mountpoint(), t.toString());
        } finally {
            loopEnded.countDown();
        }
    }

    @Override
    public String address() {
        return "fuse://" + options.mountpoint();
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        loopEnded.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            fuse.fuseUnmount.invokeExact(session);
            fuse.fuseExit.invokeExact(session);
            if (!loopEnded.await(10, TimeUnit.SECONDS)) {
                LOG.warn("the FUSE loop of {} did not end within 10 s of the unmount", options.mountpoint());
                return; // its threads may still call in: keep the session and the upcalls alive
            }
            fuse.fuseDestroy.invokeExact(session);
        } catch (Throwable t) {
            LOG.warn("unmounting {} failed: {}", options.mountpoint(), t.toString());
            return;
        }
        fs.closeAll();
        arena.close();
    }
}
