package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher compiles with C1 alone for the commands that read a few records and print them and
 * for those that read blobs out (cat, export: native code moves and checks their bytes), and with
 * both compilers for the others whose work grows with the data (import, copy, the daemon); of
 * those, the ones that end once their data has moved compile the gRPC client's code with C1 alone.
 */
class CompilerChoiceTest {

    private static final Pattern TIERED_STOP = Pattern.compile("intx TieredStopAtLevel += (\\d+) ");
    private static final Pattern REPLAY = Pattern.compile("bool AOTReplayTraining += (\\w+) ");
    private static final Pattern DIRECTIVES = Pattern.compile("ccstr CompilerDirectivesFile += ([^{\\s]*)");
    private static final Pattern SCALING = Pattern.compile("double CompileThresholdScaling += ([\\d.]+) ");

    @Test
    void listingCommandsStopAtC1(@TempDir Path tmp) throws Exception {
        assertEquals("1", tieredStop(tmp, "roots"));
        assertEquals("1", tieredStop(tmp, "--plugins", Image.home().resolve("plugins").toString(), "-v", "plugins"));
    }

    @Test
    void listingCommandsReplayNoMethodProfiles(@TempDir Path tmp) throws Exception {
        assertEquals("false", flag(tmp, REPLAY, "roots"));
        assertEquals("false", flag(tmp, REPLAY, "ls", "0".repeat(64)));
        assertEquals("false", flag(tmp, REPLAY, "plugins"));
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        assertEquals("true", flag(tmp, REPLAY, "import", "-q", "--store", "memory://", file.toString()));
    }

    @Test
    void commandsThroughAGrpcServerReplayNoMethodProfiles(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        // Nothing listens there: the flags are printed before the command fails to connect.
        String daemon = "grpc+http://127.0.0.1:1";
        assertEquals("false", flag(tmp, REPLAY, "import", "-q", "--store", daemon, file.toString()));
        assertEquals("false", flag(tmp, REPLAY, "cat", "--blob-service=" + daemon, "0".repeat(64)));
        assertEquals("false", flag(tmp, Map.of("CASTORE_STORE", daemon), REPLAY, "cat", "0".repeat(64)));
        assertEquals("true", flag(tmp, REPLAY, "daemon", "--help"));
    }

    @Test
    void anImportThroughAGrpcServerStopsAtC1(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        String daemon = "grpc+http://127.0.0.1:1";
        assertEquals("1", tieredStop(tmp, "import", "-q", "--store", daemon, file.toString()));
        assertEquals("1", tieredStop(tmp, "import", "-q", "--blob-service=" + daemon, "--directory-service", "memory://",
                file.toString()));
        assertEquals("", flag(tmp, DIRECTIVES, "import", "-q", "--store", daemon, file.toString()));
        // A copy may cut chunks into a local store: it keeps C2 for the chunker.
        assertEquals("4", tieredStop(tmp, "copy", "--from", daemon, "--to", "memory://", "0".repeat(64)));
        assertEquals("4", tieredStop(tmp, "copy", "--from=" + daemon, "--to=memory://", "0".repeat(64)));
        // Into a gRPC server it cuts none: the server does.
        assertEquals("1", tieredStop(tmp, "copy", "--from", "memory://", "--to", daemon, "0".repeat(64)));
        assertEquals("1", tieredStop(tmp, "copy", "--to=" + daemon, "0".repeat(64)));
        assertEquals(0.2, Double.parseDouble(flag(tmp, SCALING, "copy", "--to", daemon, "0".repeat(64))));
        assertEquals("false", flag(tmp, REPLAY, "copy", "--from=" + daemon, "--to=memory://", "0".repeat(64)));
    }

    @Test
    void commandsThatMoveDataUseC2(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        assertEquals("4", tieredStop(tmp, "import", "-q", "--store", "memory://", file.toString()));
        assertEquals("4", tieredStop(tmp, "copy", "--help"));
    }

    @Test
    void commandsThatReadBlobsOutStopAtC1(@TempDir Path tmp) throws Exception {
        assertEquals("1", tieredStop(tmp, "cat", "--store", "memory://", "0".repeat(64)));
        assertEquals("1", tieredStop(tmp, "export", "--store", "memory://", "0".repeat(64), tmp.resolve("out").toString()));
    }

    /**
     * They compile their loops sooner, and so does an import through a gRPC server (its client's
     * code runs once per file); the imports into local stores and the listings keep the JVM's counts.
     */
    @Test
    void commandsThatReadBlobsOutCompileSooner(@TempDir Path tmp) throws Exception {
        assertEquals(0.2, Double.parseDouble(flag(tmp, SCALING, "cat", "--store", "memory://", "0".repeat(64))), 1e-9);
        assertEquals(0.2, Double.parseDouble(flag(tmp, SCALING, "export", "--store", "memory://", "0".repeat(64),
                tmp.resolve("out").toString())), 1e-9);
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        assertEquals(1.0, Double.parseDouble(flag(tmp, SCALING, "import", "-q", "--store", "memory://", file.toString())), 1e-9);
        assertEquals(0.2, Double.parseDouble(flag(tmp, SCALING, "import", "-q", "--store", "grpc+http://127.0.0.1:1",
                file.toString())), 1e-9);
        assertEquals(1.0, Double.parseDouble(flag(tmp, SCALING, "roots")), 1e-9);
    }

    /**
     * Nor do they replay the training run's method profiles, which had C1 compile at their start
     * what the training's imports ran hot; the imports into local stores do.
     */
    @Test
    void commandsThatReadBlobsOutReplayNoMethodProfiles(@TempDir Path tmp) throws Exception {
        assertEquals("false", flag(tmp, REPLAY, "cat", "--store", "memory://", "0".repeat(64)));
        assertEquals("false", flag(tmp, REPLAY, "cat", "0".repeat(64)));
        assertEquals("false", flag(tmp, REPLAY, "export", "--store", "memory://", "0".repeat(64), tmp.resolve("out").toString()));
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        assertEquals("true", flag(tmp, REPLAY, "import", "-q", file.toString()));
        assertEquals("true", flag(tmp, REPLAY, "copy", "--from", "memory://", "--to", "memory://", "0".repeat(64)));
    }

    @Test
    void commandsThatEndAfterTheirDataCompileOnlyTheirByteLoopsWithC2(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        String directives = Image.home().resolve("lib/client-compiler-directives.json").toString();
        assertEquals(directives, flag(tmp, DIRECTIVES, "import", "-q", "--store", "memory://", file.toString()));
        assertEquals(directives, flag(tmp, DIRECTIVES, "copy", "--help"));
        // The JVM's line about the directives stays off stdout, where the digest goes.
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString()),
                "import", "-q", "--store", "memory://", file.toString());
        assertEquals("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85\n", r.out()); // BLAKE3 of "abc"
        assertEquals("", r.err());
        String text = Files.readString(Path.of(directives));
        // C2 for the chunker's cut and the Java BLAKE3 only, first; C1 alone for everything else
        // after, the calls into the native BLAKE3 included.
        int keep = text.indexOf("match: [\"dev/castore/api/chunking/FastCdc.*\", \"dev/castore/api/internal/hash/*.*\","
                + " \"dev/castore/blake3/vector/*.*\",");
        int rest = text.indexOf("match: [\"*.*\"]");
        assertTrue(keep > 0 && rest > keep, text);
        assertTrue(text.indexOf("c2: { Exclude: false }") > keep && text.indexOf("c2: { Exclude: false }") < rest, text);
        assertTrue(text.indexOf("c2: { Exclude: true }") > rest, text);
    }

    /**
     * Under the directives C2 compiles the JDK's SHA-256, which only C2 turns into the CPU's SHA
     * instructions (an S3 store signs every payload with it), and not the code around it.
     */
    @Test
    void theDirectivesLeaveTheJdksDigestsToC2(@TempDir Path tmp) throws Exception {
        Path directives = Image.home().resolve("lib/client-compiler-directives.json");
        Path classes = Path.of(DigestLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(Image.home().resolve("bin/java").toString(), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + directives, "-XX:+PrintCompilation",
                "-cp", classes.toString(), DigestLoad.class.getName())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile()).start();
        assertEquals(0, p.waitFor());
        String out = Files.readString(tmp.resolve("out"));
        // PrintCompilation: "<time> <id> <flags> <tier> <method> ...", tier 4 being C2.
        Pattern c2 = Pattern.compile("(?m)^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*4\\s+(\\S+)");
        java.util.Set<String> byC2 = new java.util.HashSet<>();
        for (Matcher m = c2.matcher(out); m.find(); ) {
            byC2.add(m.group(1));
        }
        assertTrue(byC2.stream().anyMatch(m -> m.startsWith("sun.security.provider.")), "C2 compiled: " + byC2);
        assertTrue(byC2.stream().noneMatch(m -> m.startsWith("dev.castore.image.")), "C2 compiled: " + byC2);
    }

    @Test
    void serversAndListingCommandsTakeNoCompilerDirectives(@TempDir Path tmp) throws Exception {
        assertEquals("", flag(tmp, DIRECTIVES, "daemon", "--help"));
        assertEquals("", flag(tmp, DIRECTIVES, "serve-http", "--help"));
        assertEquals("", flag(tmp, DIRECTIVES, "roots"));
    }

    /** The TieredStopAtLevel the JVM ran the command with. */
    private static String tieredStop(Path tmp, String... args) throws Exception {
        return flag(tmp, TIERED_STOP, args);
    }

    /**
     * A flag's value the JVM ran the command with (-XX:+PrintFlagsFinal prints it on stdout first,
     * the diagnostic ones once unlocked).
     */
    private static String flag(Path tmp, Pattern flag, String... args) throws Exception {
        return flag(tmp, Map.of(), flag, args);
    }

    private static String flag(Path tmp, Map<String, String> env, Pattern flag, String... args) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("XDG_DATA_HOME", tmp.resolve("data").toString());
        all.put("CASTORE_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:+DisplayVMOutput -XX:+PrintFlagsFinal");
        Image.Result r = Image.run(all, args);
        Matcher m = flag.matcher(r.out());
        if (!m.find()) {
            throw new AssertionError("no " + flag + " in the output of " + String.join(" ", args) + ": " + r.err());
        }
        return m.group(1);
    }
}
