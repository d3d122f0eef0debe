package dev.castore.store.objectstore.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.Cursor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The defaults of the SPI, for stores written elsewhere that implement only what it requires. */
class ObjectStoreTest {

    /** A store that implements the required methods alone and keeps the arrays it is given. */
    private static final class Minimal implements ObjectStore {
        final List<byte[]> puts = new ArrayList<>();

        @Override
        public Optional<Long> head(String key) {
            return Optional.empty();
        }

        @Override
        public Optional<InputStream> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, byte[] data) {
            puts.add(data);
        }

        @Override
        public void delete(String key) {}

        @Override
        public Cursor<String> list(String prefix) {
            return Optional::empty;
        }

        @Override
        public String location() {
            return "minimal:";
        }
    }

    @Test
    void aPutOfARangeHandsAStoreThatTakesArraysAnArrayOfThatRangeAlone() throws Exception {
        Minimal store = new Minimal();
        byte[] data = {0, 1, 2, 3, 4, 5};
        store.put("a", data, 1, 3);
        store.put("b", data, 0, data.length);
        data[1] = 9; // the caller's array is its own again once the put returned
        assertArrayEquals(new byte[] {1, 2, 3}, store.puts.get(0));
        assertSame(data, store.puts.get(1), "the whole array is handed over as it is, as a put of it would be");
        assertEquals(2, store.puts.size());
        assertThrows(IndexOutOfBoundsException.class, () -> store.put("c", data, 4, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> store.put("c", data, -1, 2));
    }
}
