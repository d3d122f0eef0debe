package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One store for both kinds with --store, from the environment, and flags winning over it. */
class StoreChoiceTest {

    private static final String HELLO = "hello store\n";

    private static String importHello(Path tmp, Map<String, String> env, String... store) throws Exception {
        Path file = tmp.resolve("hello.txt");
        Files.writeString(file, HELLO);
        String[] args = new String[store.length + 3];
        args[0] = "import";
        args[1] = "-q";
        System.arraycopy(store, 0, args, 2, store.length);
        args[args.length - 1] = file.toString();
        Image.Result r = Image.run(env, args);
        assertEquals(0, r.code(), r.err());
        return r.out().strip();
    }

    @Test
    void storeFlagTakesAUrlForBothKinds(@TempDir Path tmp) throws Exception {
        String url = "objectstore+file://" + tmp.resolve("a");
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        String digest = importHello(tmp, env, "--store", url);
        Image.Result cat = Image.run(env, "cat", "--store", url, digest);
        assertEquals(0, cat.code(), cat.err());
        assertEquals(HELLO, cat.out());
        Image.Result fromDefault = Image.run(env, "cat", digest);
        assertEquals(3, fromDefault.code(), "the default store does not have it: " + fromDefault.err());
    }

    @Test
    void theEnvironmentChoosesTheStoreAndAFlagWinsOverIt(@TempDir Path tmp) throws Exception {
        String a = "objectstore+file://" + tmp.resolve("a");
        String b = "objectstore+file://" + tmp.resolve("b");
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(), "CASTORE_STORE", a);
        String digest = importHello(tmp, env);
        assertTrue(Files.isDirectory(tmp.resolve("a")), "imported into $CASTORE_STORE");
        Image.Result fromEnv = Image.run(env, "cat", digest);
        assertEquals(HELLO, fromEnv.out(), fromEnv.err());
        Image.Result flagWins = Image.run(env, "cat", "--store", b, digest);
        assertEquals(3, flagWins.code(), flagWins.err());
        assertTrue(flagWins.err().contains("is not in the blob service"), flagWins.err());

        Map<String, String> perKind = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(), "CASTORE_STORE", b,
                "CASTORE_BLOB_SERVICE", a);
        Image.Result kindWins = Image.run(perKind, "cat", digest);
        assertEquals(HELLO, kindWins.out(), "CASTORE_BLOB_SERVICE wins over CASTORE_STORE for blobs: " + kindWins.err());
    }

    @Test
    void storeTakesAConfigFileFromTheFlagOrTheEnvironment(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("store.toml");
        String objects = "file://" + tmp.resolve("objects");
        Files.writeString(config, """
                [blobservices.root]
                type = "objectstore"
                object_store_url = "%s"
                object_store_options = {}

                [directoryservices.root]
                type = "objectstore"
                object_store_url = "%s"
                """.formatted(objects, objects));
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        String digest = importHello(tmp, env, "--store", config.toString());
        Image.Result cat = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(), "CASTORE_STORE",
                config.toString()), "cat", digest);
        assertEquals(HELLO, cat.out(), cat.err());

        Image.Result missing = Image.run(env, "ls", "--store", tmp.resolve("nope.toml").toString(), digest);
        assertEquals(2, missing.code(), "a missing config file is a usage error: " + missing.err());
        assertEquals("castore ls: config file not found: " + tmp.resolve("nope.toml"), missing.err().strip());
        Image.Result check = Image.run(env, "config", "check", tmp.resolve("nope.toml").toString());
        assertEquals(2, check.code(), "config check says the same of a missing file: " + check.err());
        assertEquals("castore config check: config file not found: " + tmp.resolve("nope.toml"), check.err().strip());
        Image.Result both = Image.run(env, "ls", "--store", config.toString(), "--config", config.toString(), digest);
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("give --store or --config, not both"), both.err());
    }
}
