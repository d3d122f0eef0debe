package dev.castore.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command in-process and captures its output. */
final class Cli {

    record Result(int code, String out, String err) {}

    private Cli() {}

    /** The files cache of castore import: in the build directory, never the user's ~/.cache. */
    private static final String CACHE = java.nio.file.Path.of("target", "test-cache").toAbsolutePath().toString();

    static Result run(Map<String, String> env, String... args) {
        if (!env.containsKey("XDG_CACHE_HOME")) {
            Map<String, String> withCache = new java.util.HashMap<>(env);
            withCache.put("XDG_CACHE_HOME", CACHE);
            env = withCache;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Main.run(args, env, o, e, out);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return run(Map.of("CASTORE_PLUGINS", "/nonexistent"), args);
    }
}
