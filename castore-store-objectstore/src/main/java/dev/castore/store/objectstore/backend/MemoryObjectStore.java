package dev.castore.store.objectstore.backend;

import dev.castore.api.Cursor;
import dev.castore.store.objectstore.spi.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Objects in a map in this process; gone when the store is dropped. For tests and scratch use. */
public final class MemoryObjectStore implements ObjectStore {

    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final String location;

    public MemoryObjectStore(String location) {
        this.location = location;
    }

    @Override
    public Optional<Long> head(String key) {
        byte[] data = objects.get(key);
        return data == null ? Optional.empty() : Optional.of((long) data.length);
    }

    @Override
    public Optional<InputStream> get(String key) {
        byte[] data = objects.get(key);
        return data == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(data));
    }

    @Override
    public void put(String key, byte[] data) {
        objects.put(key, data.clone());
    }

    @Override
    public void put(String key, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        objects.put(key, Arrays.copyOfRange(data, offset, offset + length));
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public Cursor<String> list(String prefix) {
        Iterator<String> keys = objects.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet().iterator();
        return () -> keys.hasNext() ? Optional.of(keys.next()) : Optional.empty();
    }

    @Override
    public String location() {
        return location;
    }
}
