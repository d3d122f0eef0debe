package dev.castore.api.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchBuffersTest {

    @Test
    void buffersHandedBackAreTakenAgainUpToTheNumberKept() {
        FetchBuffers buffers = new FetchBuffers(1000, 2);
        ByteBuffer a = buffers.take();
        ByteBuffer b = buffers.take();
        ByteBuffer c = buffers.take();
        assertTrue(a.isDirect() && a.capacity() == 1000);
        assertNotSame(a, b, "a buffer not handed back is never handed out again");
        assertEquals(3, buffers.allocated());
        buffers.giveBack(a);
        buffers.giveBack(b);
        buffers.giveBack(c); // a third is more than kept
        List<ByteBuffer> again = new ArrayList<>(List.of(buffers.take(), buffers.take()));
        assertTrue(again.stream().anyMatch(x -> x == a) && again.stream().anyMatch(x -> x == b), "the two kept");
        assertEquals(3, buffers.allocated());
        assertNotSame(c, buffers.take());
        assertEquals(4, buffers.allocated());
    }

    @Test
    void theBufferHandedBackLastIsTakenFirst() {
        FetchBuffers buffers = new FetchBuffers(1000, 4);
        ByteBuffer older = buffers.take();
        ByteBuffer newer = buffers.take();
        buffers.giveBack(older);
        buffers.giveBack(newer);
        assertSame(newer, buffers.take(), "the buffer whose bytes are likelier still in the caches");
        assertSame(older, buffers.take());
    }

    @Test
    void buffersThatAreNotItsOwnAreNotKept() {
        FetchBuffers buffers = new FetchBuffers(1000, 4);
        buffers.giveBack(ByteBuffer.allocate(1000));
        buffers.giveBack(ByteBuffer.allocateDirect(999));
        buffers.take();
        assertEquals(1, buffers.allocated(), "a new buffer: neither was kept");
        ByteBuffer mine = buffers.take();
        buffers.giveBack(mine);
        assertSame(mine, buffers.take());
        assertThrows(IllegalArgumentException.class, () -> new FetchBuffers(-1, 1));
    }

    @Test
    void aReadKeepsItsBufferOnlyWhenItReturnsIt() throws Exception {
        FetchBuffers buffers = new FetchBuffers(100, 4);
        ByteBuffer kept = buffers.read(scratch -> scratch.clear().limit(10));
        ByteBuffer elsewhere = buffers.read(scratch -> ByteBuffer.allocate(10));
        assertTrue(elsewhere.hasArray());
        assertThrows(java.io.IOException.class, () -> buffers.read(scratch -> {
            throw new java.io.IOException("missing");
        }));
        assertEquals(2, buffers.allocated(), "the buffer of the read into an array, and of the failed one, went back");
        ByteBuffer again = buffers.read(scratch -> scratch);
        assertNotSame(kept, again, "the buffer returned is out until it is given back");
        buffers.giveBack(kept);
        buffers.giveBack(again);
        assertEquals(2, buffers.allocated());
    }
}
