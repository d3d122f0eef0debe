package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built runtime image, run as a user runs it: bin/castore in a fresh process. */
final class Image {

    /** What a command exited with and printed. */
    record Result(int code, String out, String err) {
        private static final Pattern DIGEST = Pattern.compile("digest: ([0-9a-f]{64})");

        /** The first digest the command reported ({@code digest: HEX}); fails the test when there is none. */
        String digest() {
            Matcher m = DIGEST.matcher(out);
            assertTrue(m.find(), out + err);
            return m.group(1);
        }

        /** Every digest the command reported, in order. */
        List<String> digests() {
            return DIGEST.matcher(out).results().map(r -> r.group(1)).toList();
        }
    }

    static Path home() {
        return Path.of(System.getProperty("castore.image", "target/castore"));
    }

    static Path modules() {
        return Path.of(System.getProperty("castore.modules", "target/modules"));
    }

    static ProcessBuilder command(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home().resolve("bin/castore").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("CASTORE_PLUGINS");
        pb.environment().remove("CASTORE_BLAKE3");
        // The files cache of castore import goes to the build directory, not the user's ~/.cache.
        pb.environment().put("XDG_CACHE_HOME", home().toAbsolutePath().resolveSibling("test-cache").toString());
        pb.environment().putAll(env);
        return pb;
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(command(env, args), 120);
    }

    /**
     * Runs {@code command} (one {@link #command} made, perhaps with a prefix) to its end, its
     * output captured; fails the test when it takes more than {@code seconds}.
     */
    static Result run(ProcessBuilder command, int seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("castore-out", ".txt");
        Path err = Files.createTempFile("castore-err", ".txt");
        try {
            Process p = command.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command.command()) + " did not finish in " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A plugins directory with the image's plugins linked in, to which a test adds its own. */
    static Path pluginsCopy(Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        linkEach(home().resolve("plugins"), plugins, p -> true);
        return plugins;
    }

    /** Removes the links {@link #pluginsCopy} made, so that cleaning up never follows them. */
    static void unlinkPlugins(Path dir) throws IOException {
        unlinkIn(dir.resolve("plugins"));
    }

    /** Links each entry of {@code from} that {@code which} takes into {@code into}, by the same name. */
    static void linkEach(Path from, Path into, Predicate<Path> which) throws IOException {
        try (var s = Files.list(from)) {
            for (Path p : s.filter(which).toList()) {
                Files.createSymbolicLink(into.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
    }

    /** Removes the symbolic links in {@code dir} (not what they point to), if it exists. */
    static void unlinkIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (Files.isSymbolicLink(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Runs a JDK tool (javac, jar) of the JDK running the tests. */
    static void tool(String name, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", name).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(name + " failed: " + output);
        }
    }

    static Path apiJar() throws IOException {
        try (var s = Files.list(modules())) {
            return s.filter(p -> p.getFileName().toString().startsWith("castore-api-")).findFirst().orElseThrow();
        }
    }

    private Image() {}
}
