package dev.castore.store.objectstore.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.objectstore.ObjectStoreBlobServiceConfig;
import org.junit.jupiter.api.Test;

/** Inputs the URL fuzz test found, kept as plain tests. */
class ObjectStoreUrlFindingsTest {

    /**
     * crash-a81f7ce3: a file URL whose "host" is two newlines. It is refused with a reason that
     * quotes it as given; the command escapes control characters when it prints an error, so the
     * fuzz property was relaxed from "one line" to "says why".
     */
    @Test
    void aFileUrlWithNewlinesForAHostIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObjectStoreBlobServiceConfig.fromUrl(ServiceUrl.parse("objectstore+file://\n\n")));
        assertEquals("object_store_url 'file://\n\n' must be file:///absolute/path (three slashes, no host)", e.getMessage());
    }
}
