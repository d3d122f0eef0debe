/**
 * Mounts stored trees read-only through libfuse3 (Debian's {@code libfuse3-3}), reached with the
 * FFM API: listen scheme {@code fuse} ({@code castore mount DIGEST MOUNTPOINT}).
 *
 * @provides dev.castore.api.spi.ListenerProvider
 */
module dev.castore.fuse {
    requires dev.castore.api;
    requires org.slf4j;

    exports dev.castore.fuse;

    provides dev.castore.api.spi.ListenerProvider with dev.castore.fuse.FuseListenerProvider;
}
