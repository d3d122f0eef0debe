package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code castore plugins} from the image lists each plugin the image bundles in its section. */
class BundledPluginsTest {

    @Test
    void theTarFuseAndHttpPluginsAreListedInTheirSections() throws Exception {
        Image.Result plugins = Image.run(Map.of(), "plugins");
        assertEquals(0, plugins.code(), plugins.err());
        assertListed(plugins.out(), "archive importers", "dev.castore.archive.tar", "tar");
        assertListed(plugins.out(), "listeners", "dev.castore.fuse", "fuse");
        assertListed(plugins.out(), "listeners", "dev.castore.http", "http");
    }

    /** A line {@code MODULE VERSION  TAG} among the lines of {@code section}. */
    private static void assertListed(String out, String section, String module, String tag) {
        String line = "  " + Pattern.quote(module) + " \\S+  " + Pattern.quote(tag) + "\n";
        assertTrue(out.matches("(?s).*" + Pattern.quote(section) + ":\n(  .*\n)*" + line + ".*"), out);
    }
}
