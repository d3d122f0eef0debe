package dev.castore.cli.command;

import dev.castore.cli.CliContext;
import dev.castore.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code castore aot-training DIR}: the training run from which the image's ahead-of-time caches
 * ({@code lib/castore.aot}; {@code lib/castore-vector.aot} too for an image without the native BLAKE3) are made when
 * the image is built. In one JVM, it runs the commands
 * users run most, on the stores they run them on: the embedded default store, {@code file://},
 * {@code memory://}, and a daemon on loopback through the gRPC client. The JVM records every class these load,
 * the plugins' classes included, so that their next starts skip parsing and linking them.
 *
 * <p>With {@code --listing}, it runs only the commands that list ({@code ls}, {@code stat},
 * {@code roots}) on the embedded default store in {@code DIR/data}, where {@code castore import
 * --name training} has put a tree first: the cache made from that ({@code lib/castore-list.aot})
 * holds half the classes, and a command starts faster the fewer the JVM maps and loads at start.
 *
 * <p>Every step must succeed: a cache made from a run that failed halfway would quietly cover
 * less, so a failure fails the image's build.
 */
@Command(name = "aot-training", hidden = true,
        description = "Run the commands from which the image's ahead-of-time class cache is made (used when building the image).")
public final class AotTrainingCommand implements Callable<Integer> {

    private static final int DAEMON_WAIT_MILLIS = 60_000;

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "DIR", description = "An empty or missing directory to work in.")
    Path dir;

    @Option(names = "--listing", description = "Only list the tree named training on the default store in DIR/data.")
    boolean listing;

    public AotTrainingCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (listing) {
            return listing(environment(dir.resolve("data")));
        }
        Path tree = sampleTree(dir.resolve("tree"));
        Map<String, String> env = environment(dir.resolve("data"));

        String root = run(env, "import", "-q", "--no-progress", "--name", "training", tree.toString());
        run(env, "ls", "training");
        run(env, "ls", "--json", root + ":sub");
        run(env, "stat", "training:large.bin");
        run(env, "cat", "training:large.bin");
        run(env, "export", "--no-progress", "training", dir.resolve("export-default").toString());
        run(env, "roots");

        String files = "objectstore+file://" + dir.resolve("objectstore");
        run(env, "import", "-q", "--no-progress", "--store", files, tree.toString());
        run(env, "cat", "--store", files, root + ":large.bin");

        // The in-process memory store (its memory file's native calls, the segment writer), which
        // the benchmarks and tests import into.
        String memory = run(env, "import", "-q", "--no-progress", "--store", "memory://", tree.toString());
        if (!memory.equals(root)) {
            throw new IllegalStateException("the tree imported into memory:// has root " + memory + ", not " + root);
        }

        throughDaemon(tree, root);
        run(env, "plugins");
        return 0;
    }

    /** The commands that list, on the tree named training, in the ways they print it. */
    private int listing(Map<String, String> env) {
        // Threads that contend for a ConcurrentHashMap's count make the JVM load ThreadLocalRandom
        // (and Random, RandomSupport, RandomGenerator): a listing does so only on a busy machine,
        // which a training run on an idle one would leave out of the cache.
        ThreadLocalRandom.current().nextInt();
        String root = run(env, "stat", "training").lines().findFirst().orElseThrow().replaceFirst("^directory ", "");
        run(env, "ls", root);
        run(env, "ls", "training");
        run(env, "ls", "-r", "training");
        run(env, "ls", "--json", "-r", root);
        run(env, "ls", "-0", "training");
        run(env, "stat", "--json", "training");
        run(env, "stat", "training:sub/notes.txt");
        run(env, "roots");
        run(env, "roots", "--json");
        return 0;
    }

    /** A daemon on its own default store, and the client commands that talk to it. */
    private void throughDaemon(Path tree, String root) throws Exception {
        int port = freePort();
        Map<String, String> daemonEnv = environment(dir.resolve("daemon-data"));
        AtomicInteger daemonCode = new AtomicInteger(-1);
        ByteArrayOutputStream daemonErr = new ByteArrayOutputStream();
        CliContext daemonContext = context.withStreams(daemonEnv, Main.writer(new PrintStream(OutputStream.nullOutputStream())),
                Main.writer(new PrintStream(daemonErr, true, StandardCharsets.UTF_8)), OutputStream.nullOutputStream());
        Thread daemon = Thread.ofPlatform().name("training-daemon").start(() -> daemonCode.set(
                Main.run(new String[] {"daemon", "--listen", "127.0.0.1:" + port}, daemonContext)));
        awaitListening(port, daemon, daemonErr);

        Map<String, String> env = environment(dir.resolve("client-data"));
        String grpc = "grpc+http://127.0.0.1:" + port;
        String imported = run(env, "import", "-q", "--no-progress", "--store", grpc, tree.toString());
        if (!imported.equals(root)) {
            throw new IllegalStateException("the tree imported through the daemon has root " + imported + ", not " + root);
        }
        run(env, "ls", "--store", grpc, root);
        run(env, "cat", "--store", grpc, root + ":large.bin");
        run(env, "export", "--no-progress", "--store", grpc, root, dir.resolve("export-grpc").toString());

        // The daemon stops on SIGTERM as under a service manager, and ends with 0.
        Signal.raise(new Signal("TERM"));
        daemon.join(DAEMON_WAIT_MILLIS);
        if (daemon.isAlive() || daemonCode.get() != 0) {
            throw new IllegalStateException("the training daemon did not stop cleanly (exit code " + daemonCode.get() + "): "
                    + daemonErr.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs one command line in this JVM; returns what it printed, trimmed; fails unless it exits with 0. */
    private String run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, context.withStreams(env, Main.writer(new PrintStream(out, true, StandardCharsets.UTF_8)),
                Main.writer(new PrintStream(err, true, StandardCharsets.UTF_8)), OutputStream.nullOutputStream()));
        if (code != 0) {
            throw new IllegalStateException("castore " + String.join(" ", args) + " exited with " + code + ": "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private Map<String, String> environment(Path dataHome) {
        Map<String, String> env = new HashMap<>(context.env());
        List.of("CASTORE_STORE", "CASTORE_BLOB_SERVICE", "CASTORE_DIRECTORY_SERVICE").forEach(env::remove);
        env.put("XDG_DATA_HOME", dataHome.toString());
        env.put("XDG_CACHE_HOME", dataHome.resolve("cache").toString());
        return env;
    }

    /** Small files, a directory, a symlink, and a file of several chunks. */
    private static Path sampleTree(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("README"), "castore training tree\n");
        Files.writeString(tree.resolve("sub/notes.txt"), "notes\n".repeat(100));
        byte[] large = new byte[3 * 1024 * 1024];
        new Random(25).nextBytes(large);
        Files.write(tree.resolve("large.bin"), large);
        Files.createSymbolicLink(tree.resolve("sub/link"), Path.of("../README"));
        return tree;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Thread daemon, ByteArrayOutputStream daemonErr) throws InterruptedException {
        long deadline = System.nanoTime() + DAEMON_WAIT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline && daemon.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the training daemon did not listen on port " + port + ": "
                + daemonErr.toString(StandardCharsets.UTF_8));
    }
}
