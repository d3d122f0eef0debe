package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's example composition is valid for the stores the image ships. */
class ExampleConfigTest {

    @Test
    void s3BigtableCacheExampleChecks() throws Exception {
        Path example = Path.of(System.getProperty("castore.examples", "../examples"), "s3-bigtable-cache.toml");
        Image.Result r = Image.run(Map.of(), "config", "check", example.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ok (3 blob services, 3 directory services)"), r.out());
    }
}
