/**
 * In-memory blob and directory services: type tag {@code memory}, URL {@code memory://}.
 * Nothing survives the process; useful for tests, caches and one-off work.
 */
module dev.castore.store.memory {
    requires dev.castore.api;
    requires org.slf4j;

    exports dev.castore.store.memory;

    provides dev.castore.api.spi.ServiceBuilderProvider with dev.castore.store.memory.MemoryProvider;
}
