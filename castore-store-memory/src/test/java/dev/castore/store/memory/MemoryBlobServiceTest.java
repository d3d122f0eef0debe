package dev.castore.store.memory;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.testkit.BlobServiceContract;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

class MemoryBlobServiceTest extends BlobServiceContract {

    @Override
    protected BlobService newBlobService() {
        return new MemoryBlobService();
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) {
        // Flip one byte of the second segment in place; readers only ever get read-only views.
        MemorySegment segment = ((MemoryBlobService) service).stored(digest).segments().get(1);
        segment.set(ValueLayout.JAVA_BYTE, 7, (byte) (segment.get(ValueLayout.JAVA_BYTE, 7) ^ 0x01));
    }
}
