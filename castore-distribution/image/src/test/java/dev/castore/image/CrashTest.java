package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of an importing {@code castore} and of a daemon taking puts from clients, at
 * random points, several per run, on the embedded default store. Even rounds kill at a random
 * moment of the work; odd rounds let it finish and kill the daemon at once, so that roots are
 * reported, and must survive the later kills. After each kill the store must open, every root
 * reported before it must read back whole and verified, a tree whose import was killed must be
 * there whole or not at all, and a new import must succeed. The seed is printed in every failure
 * ({@code -Dcastore.crash.seed=N} repeats a run; {@code -Dcastore.crash.rounds=N} makes a longer
 * one).
 */
class CrashTest {

    private static final long SEED = Long.getLong("castore.crash.seed", System.nanoTime());
    private static final int ROUNDS = Integer.getInteger("castore.crash.rounds", 5);

    @TempDir
    Path tmp;

    private final Random random = new Random(SEED);

    private Map<String, String> env() {
        return Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
    }

    private static String seed() {
        return " (seed " + SEED + ")";
    }

    /** Runs a command to its end; kills it after {@code killAfterMillis} (if positive) with SIGKILL. */
    private static Image.Result runKilled(Map<String, String> env, long killAfterMillis, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("castore-out", ".txt");
        Path err = Files.createTempFile("castore-err", ".txt");
        try {
            Process p = Image.command(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean done = killAfterMillis > 0 ? p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS) : p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
            return new Image.Result(done ? p.exitValue() : 137, Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> reported(Image.Result r) {
        return r.code() == 0 ? r.digests() : List.of();
    }

    /** Reads the whole closure (or blob) with every blob verified, into a throwaway store. */
    private Image.Result readWhole(Map<String, String> env, String digest) throws Exception {
        return Image.run(env, "copy", "--to", "memory://", digest);
    }

    private void assertWhole(Map<String, String> env, String digest, String what) throws Exception {
        Image.Result r = readWhole(env, digest);
        assertEquals(0, r.code(), what + " " + digest + " does not read back whole: " + r.err() + seed());
    }

    /** Whole, or not there at all: never a part of it. */
    private void assertWholeOrAbsent(Map<String, String> env, String digest, String what) throws Exception {
        Image.Result r = readWhole(env, digest);
        assertTrue(r.code() == 0 || (r.code() == 3 && r.err().contains("is neither a directory nor a blob")),
                what + " " + digest + " is partly there: exit " + r.code() + ", " + r.err() + seed());
    }

    @Test
    void importKilledAtRandomPointsLeavesWholeTreesOrNothing() throws Exception {
        GrowingTree tree = new GrowingTree(tmp.resolve("src"), random);
        List<String> roots = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            tree.grow();
            String expected = GrowingTree.digest(tree.root());
            String large = GrowingTree.blobDigest(tree.lastLargeFile());
            // Even rounds read the whole tree (no files cache), so that the kill lands in the work.
            long killAfter = round % 2 == 0 ? random.nextLong(200, 2500) : 0;
            Image.Result r = round % 2 == 0
                    ? runKilled(env(), killAfter, "import", "--no-progress", "--no-files-cache", tree.root().toString())
                    : runKilled(env(), killAfter, "import", "--no-progress", tree.root().toString());
            assertTrue(r.code() == 0 || r.code() == 137, "import failed: " + r.err() + seed());
            System.err.printf("crash test, import round %d: %s%n", round,
                    r.code() == 0 ? "finished" : "killed after " + killAfter + " ms");
            List<String> reported = reported(r);
            if (!reported.isEmpty()) {
                assertEquals(List.of(expected), reported, seed());
            }
            roots.addAll(reported);
            assertWholeOrAbsent(env(), expected, "the tree of round " + round);
            assertWholeOrAbsent(env(), large, "the large file of round " + round);
            for (String root : reported) {
                assertWhole(env(), root, "reported root");
            }
        }
        Image.Result last = Image.run(env(), "import", "--no-progress", tree.root().toString());
        assertEquals(0, last.code(), "a re-import after the kills fails: " + last.err() + seed());
        assertEquals(List.of(GrowingTree.digest(tree.root())), reported(last), seed());
        for (String root : roots) {
            assertWhole(env(), root, "root reported before a later kill");
        }
    }

    @Test
    void daemonKilledAtRandomPointsKeepsWhatItAcknowledged() throws Exception {
        List<GrowingTree> sources = List.of(new GrowingTree(tmp.resolve("a"), random), new GrowingTree(tmp.resolve("b"), random));
        List<String> acknowledged = new ArrayList<>();
        int rounds = Math.max(2, ROUNDS - 1);
        for (int round = 0; round < rounds; round++) {
            List<Path> batches = new ArrayList<>();
            for (GrowingTree t : sources) {
                batches.add(t.grow());
            }
            Process daemon = startDaemon();
            String url = listenUrl(daemon);
            if (round == 0) {
                Image.Result busy = Image.run(env(), "ls", GrowingTree.digest(batches.getFirst()));
                assertEquals(1, busy.code(), busy.err());
                assertTrue(busy.err().strip().lines().count() == 1 && busy.err().contains("in use by another process"),
                        busy.err());
            }
            List<Process> clients = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            for (Path batch : batches) {
                Path out = Files.createTempFile(tmp, "client", ".txt");
                outputs.add(out);
                clients.add(Image.command(Map.of(), "import", "--no-progress", "--blob-service", url,
                        "--directory-service", url, batch.toString())
                        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            String when;
            if (round % 2 == 0) {
                long killAfter = random.nextLong(300, 2500);
                Thread.sleep(killAfter);
                when = "after " + killAfter + " ms";
            } else {
                for (Process c : clients) {
                    assertTrue(c.waitFor(120, TimeUnit.SECONDS), "a client did not finish" + seed());
                }
                when = "once the clients were done";
            }
            daemon.destroyForcibly();
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS));
            for (int i = 0; i < clients.size(); i++) {
                Process c = clients.get(i);
                assertTrue(c.waitFor(60, TimeUnit.SECONDS), "a client hangs after the daemon died" + seed());
                List<String> roots = c.exitValue() == 0
                        ? reported(new Image.Result(0, Files.readString(outputs.get(i)), "")) : List.of();
                if (round % 2 == 1) {
                    assertEquals(List.of(GrowingTree.digest(batches.get(i))), roots, "client " + i + seed());
                }
                acknowledged.addAll(roots);
                System.err.printf("crash test, daemon round %d: killed %s; client %d %s%n", round, when, i,
                        roots.isEmpty() ? "had no answer" : "was acknowledged");
            }
            for (Path batch : batches) {
                assertWholeOrAbsent(env(), GrowingTree.digest(batch), "a tree put through the daemon in round " + round);
            }
            for (String root : acknowledged) {
                assertWhole(env(), root, "root the daemon acknowledged");
            }
        }
        Process daemon = startDaemon();
        try {
            String url = listenUrl(daemon);
            Path all = sources.getFirst().root();
            Image.Result again = Image.run(Map.of(), "import", "--no-progress", "--blob-service", url,
                    "--directory-service", url, all.toString());
            assertEquals(0, again.code(), "a put after the kills fails: " + again.err() + seed());
            assertEquals(List.of(GrowingTree.digest(all)), reported(again), seed());
        } finally {
            daemon.destroy();
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
        }
    }

    private Process startDaemon() throws IOException {
        return Image.command(env(), "daemon", "--listen", "127.0.0.1:0").redirectErrorStream(true).start();
    }

    private static String listenUrl(Process daemon) throws IOException {
        BufferedReader log = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        String line = log.readLine();
        Matcher m = Pattern.compile("listening on (grpc\\+http://127\\.0\\.0\\.1:\\d+)").matcher(String.valueOf(line));
        assertTrue(m.find(), String.valueOf(line));
        Thread drain = new Thread(() -> {
            try {
                while (log.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException e) {
                // the daemon is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
    }
}
