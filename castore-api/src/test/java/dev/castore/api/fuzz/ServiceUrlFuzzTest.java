package dev.castore.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.api.spi.ServiceUrl;

/**
 * The URL parser on arbitrary text: an {@link IllegalArgumentException} naming the URL, or a
 * URL whose parts are consistent (its inner URL and the URL without query parse to the same
 * authority and path).
 */
class ServiceUrlFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void urlsParseConsistentlyOrFailWithTheirText(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        ServiceUrl url;
        try {
            url = ServiceUrl.parse(text);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("unable to parse url '"), e.getMessage());
            return;
        }
        assertEquals(text, url.toString());
        assertTrue(url.port().orElse(0) >= 0 && url.port().orElse(0) <= 65535);
        ServiceUrl bare = ServiceUrl.parse(url.withoutQuery());
        assertEquals(url.scheme(), bare.scheme());
        assertEquals(url.host(), bare.host());
        assertEquals(url.path(), bare.path());
        if (url.innerScheme().isPresent()) {
            ServiceUrl inner = ServiceUrl.parse(url.inner());
            assertEquals(url.host(), inner.host());
            assertEquals(url.query(), inner.query());
        }
    }
}
