package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    @Test
    void thePluginsCallZstdThroughJniNotTheFfmClassesThatLinkEveryFunctionAtLoad() throws Exception {
        List<Path> jars;
        try (Stream<Path> found = Files.find(Image.home().resolve("plugins"), 2,
                (path, attrs) -> path.getFileName().toString().startsWith("zstd-jni-"))) {
            jars = found.toList();
        }
        assertTrue(jars.size() >= 2, "the objectstore and tar plugins bundle zstd-jni: " + jars);
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("META-INF/versions/")),
                        jar + " has classes for later Javas");
                assertTrue(file.getEntry("com/github/luben/zstd/Zstd.class") != null, jar + " lost its classes");
                assertTrue(file.stream().anyMatch(e -> e.getName().startsWith("linux/amd64/libzstd-jni")),
                        jar + " lost its library");
                String version = file.getManifest().getMainAttributes().getValue("Implementation-Version");
                assertEquals("zstd-jni", file.getManifest().getMainAttributes().getValue("Implementation-Title"),
                        jar + " lost its manifest");
                assertTrue(Files.isRegularFile(Image.home().resolve("lib/libzstd-jni-" + version + ".so")),
                        "the image's lib/ has the library of " + jar);
            }
        }
        // And zstd works through them: a file that compresses, stored compressed in file:// and read back.
        Path dir = Files.createTempDirectory("castore-zstd-jni");
        Path text = dir.resolve("text");
        Files.writeString(text, "castore compresses text ".repeat(20_000));
        String store = "objectstore+file://" + dir.resolve("store");
        // The library is loaded from the image: nothing is copied into the temporary directory.
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Image.Result imported = Image.run(Map.of("CASTORE_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp), "import", "-q",
                "--no-progress", "--blob-service", store, "--directory-service", store, text.toString());
        assertEquals(0, imported.code(), imported.err());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "files the import left in its temporary directory");
        }
        long stored;
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            stored = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(stored < Files.size(text) / 10, "stored " + stored + " bytes for " + Files.size(text));
        Image.Result read = Image.run(Map.of(), "cat", "--blob-service", store, imported.out().strip());
        assertEquals(0, read.code(), read.err());
        assertEquals(Files.readString(text), read.out());
    }

    /** A line {@code MODULE VERSION  TAG} among the lines of {@code section}. */
    private static void assertListed(String out, String section, String module, String tag) {
        String line = "  " + Pattern.quote(module) + " \\S+  " + Pattern.quote(tag) + "\n";
        assertTrue(out.matches("(?s).*" + Pattern.quote(section) + ":\n(  .*\n)*" + line + ".*"), out);
    }
}
