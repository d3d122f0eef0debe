package dev.castore.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.Cursor;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.Access;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceKind;
import dev.castore.store.rocksdb.blob.RocksDbBlobService;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services built for reading only where there is no store: empty, writing nothing, failing writes. */
class AbsentStoreTest {

    @TempDir
    Path tmp;

    private static CompositionContext context(Access access) {
        return new CompositionContext() {
            @Override
            public <T> T resolve(ServiceKind<T> kind, String name) {
                throw new UnsupportedOperationException(name);
            }

            @Override
            public <T> CompletableFuture<T> resolveAsync(ServiceKind<T> kind, String name) {
                throw new UnsupportedOperationException(name);
            }

            @Override
            public Access access() {
                return access;
            }
        };
    }

    @Test
    void aReaderWhereThereIsNoStoreFindsNothingAndCreatesNothing() throws Exception {
        Path dir = tmp.resolve("no/such/store");
        B3Digest digest = Blake3.hash("x".getBytes(StandardCharsets.UTF_8));
        try (BlobService blobs = new RocksDbBlobServiceConfig(dir.toString(), null).build("root", context(Access.READ_ONLY));
                DirectoryService dirs = new RocksDbDirectoryServiceConfig(dir.toString()).build("root",
                        context(Access.READ_ONLY))) {
            assertFalse(blobs.has(digest));
            assertEquals(Optional.empty(), blobs.open(digest));
            try (Cursor<ListedBlob> listed = blobs.listing().orElseThrow().list()) {
                assertEquals(Optional.empty(), listed.next());
            }
            assertEquals(Optional.empty(), dirs.get(digest));
            try (ClosureStream closure = dirs.getRecursive(digest)) {
                assertEquals(Optional.empty(), closure.next());
            }
            StorageException write = assertThrows(StorageException.class, blobs::openWriter);
            assertEquals("there is no store at " + dir + ", and it was opened for reading only: nothing can be written"
                    + " to it", write.getMessage());
            assertThrows(StorageException.class, () -> dirs.put(Directory.EMPTY));
            assertThrows(StorageException.class, dirs::putter);
        }
        assertFalse(Files.exists(tmp.resolve("no")));
    }

    @Test
    void aWriterCreatesTheStoreAndReadersThenReadIt() throws Exception {
        Path dir = tmp.resolve("store");
        byte[] content = "content".getBytes(StandardCharsets.UTF_8);
        B3Digest digest;
        try (BlobService blobs = new RocksDbBlobServiceConfig(dir.toString(), null).build("root", context(Access.READ_WRITE));
                BlobWriter w = blobs.openWriter()) {
            w.write(ByteBuffer.wrap(content));
            digest = w.commit();
        }
        try (BlobService blobs = new RocksDbBlobServiceConfig(dir.toString(), null).build("root", context(Access.READ_ONLY))) {
            assertInstanceOf(RocksDbBlobService.class, blobs);
            assertTrue(blobs.has(digest));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (BlobReader r = blobs.open(digest).orElseThrow()) {
                r.transferTo(Channels.newChannel(out));
            }
            assertArrayEquals(content, out.toByteArray());
        }
    }
}
