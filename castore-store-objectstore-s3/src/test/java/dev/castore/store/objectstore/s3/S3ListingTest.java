package dev.castore.store.objectstore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Listing keys on S3 (s3proxy, on loopback): ListObjectsV2 pages, followed as the cursor goes. */
class S3ListingTest {

    @Test
    void aListingLongerThanOnePageGivesEveryKeyUnderThePrefixOnce() throws Exception {
        try (S3ProxyServer server = new S3ProxyServer(); S3ObjectStore store = server.newStore("some/prefix")) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 1005; i++) { // a page holds 1,000 keys
                String key = "blobs/b3/%04x/%064x".formatted(i, i);
                store.put(key, new byte[0]);
                expected.add(key);
            }
            store.put("chunks/b3/0000/other", new byte[] {1});
            List<String> listed = new ArrayList<>();
            try (Cursor<String> keys = store.list("blobs/")) {
                for (Optional<String> k = keys.next(); k.isPresent(); k = keys.next()) {
                    listed.add(k.get());
                }
            }
            assertEquals(expected, listed.stream().sorted().toList());
        }
    }
}
