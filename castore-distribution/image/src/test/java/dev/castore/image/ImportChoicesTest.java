package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.StandardProtocolFamily;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import --exclude and --skip-special. */
class ImportChoicesTest {

    @Test
    void excludedNamesAndPathsAreLeftOut(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("CASTORE_STORE", "objectstore+file://" + tmp.resolve("store"));
        Path src = Files.createDirectories(tmp.resolve("src/build/deep"));
        Files.writeString(src.resolve("out.o"), "o");
        Files.createDirectories(tmp.resolve("src/keep/build"));
        Files.writeString(tmp.resolve("src/keep/build/x.txt"), "x");
        Files.writeString(tmp.resolve("src/keep/a.o"), "o");
        Files.writeString(tmp.resolve("src/keep/a.c"), "c");
        Image.Result r = Image.run(env, "import", "-q", "--exclude", "*.o", "--exclude", "build/", tmp.resolve("src").toString());
        assertEquals(0, r.code(), r.err());
        Image.Result ls = Image.run(env, "ls", "-r", "-0", r.out().strip());
        assertEquals("keep\0keep/a.c\0", ls.out(), "a name pattern matches at every depth: " + ls.out());

        Image.Result byPath = Image.run(env, "import", "-q", "--exclude", "keep/build", tmp.resolve("src").toString());
        Image.Result ls2 = Image.run(env, "ls", "-r", "-0", byPath.out().strip());
        assertEquals("build\0build/deep\0build/deep/out.o\0keep\0keep/a.c\0keep/a.o\0", ls2.out(),
                "a pattern with / matches the path below the imported directory only");

        Image.Result bad = Image.run(env, "import", "--exclude", "[a", tmp.resolve("src").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--exclude '[a' is not a valid glob"), bad.err());
    }

    @Test
    void specialFilesFailTheImportUnlessSkippedWithAWarning(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("CASTORE_STORE", "objectstore+file://" + tmp.resolve("store"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("file"), "f");
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(src.resolve("sock")));
            Image.Result failed = Image.run(env, "import", "--no-progress", src.toString());
            assertEquals(1, failed.code());
            assertTrue(failed.err().contains("--skip-special leaves them out with a warning"), failed.err());

            Image.Result skipped = Image.run(env, "import", "-q", "--skip-special", src.toString());
            assertEquals(0, skipped.code(), skipped.err());
            assertEquals("castore import: skipped " + src.resolve("sock") + ": a socket, pipe or device, which cannot be stored\n",
                    skipped.err());
            assertEquals("file\0", Image.run(env, "ls", "-0", skipped.out().strip()).out());
        }
    }
}
