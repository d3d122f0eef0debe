package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code castore daemon} from the image on a free loopback port (or an address of the test's), or
 * {@code castore mount}, the daemon with the FUSE listener: its first log line names where it
 * listens; the rest of its output is kept, read as it comes so that the pipe never fills. Closing
 * stops it with SIGTERM, as a service manager does, and checks that it stops.
 */
final class ImageDaemon implements AutoCloseable {

    private static final Pattern LISTENING =
            Pattern.compile("listening on (grpc\\+https?://127\\.0\\.0\\.1:\\d+|grpc\\+unix://\\S+)");

    private final Process process;
    private final String firstLine;
    private final String url;
    private final Thread drain;
    private final List<String> laterLines;
    private final int stopSeconds;
    private final String stops;

    private ImageDaemon(Process process, String firstLine, String url, Thread drain, List<String> laterLines,
            int stopSeconds, String stops) {
        this.process = process;
        this.firstLine = firstLine;
        this.url = url;
        this.drain = drain;
        this.laterLines = laterLines;
        this.stopSeconds = stopSeconds;
        this.stops = stops;
    }

    /** Starts {@code castore daemon --listen 127.0.0.1:0 ARGS} with the environment and waits until it listens. */
    static ImageDaemon start(Map<String, String> env, String... args) throws IOException {
        return listen("127.0.0.1:0", env, args);
    }

    /** Starts {@code castore daemon --listen ADDRESS ARGS} with the environment and waits until it listens. */
    static ImageDaemon listen(String address, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("daemon", "--listen", address));
        command.addAll(List.of(args));
        return started(env, command, LISTENING, 30, "the daemon stops on SIGTERM");
    }

    /** Starts {@code castore mount ARGS} with the environment and waits until it listens on {@code fuse://}. */
    static ImageDaemon mount(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(args));
        return started(env, command, Pattern.compile("listening on (fuse://\\S+)"), 20, "castore mount stops on SIGTERM");
    }

    private static ImageDaemon started(Map<String, String> env, List<String> command, Pattern listening,
            int stopSeconds, String stops) throws IOException {
        Process process = Image.command(env, command.toArray(String[]::new)).redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = String.valueOf(log.readLine());
        Matcher m = listening.matcher(line);
        if (!m.find()) {
            process.destroyForcibly();
            throw new AssertionError("castore " + command.getFirst() + " did not say where it listens: " + line);
        }
        List<String> later = Collections.synchronizedList(new ArrayList<>());
        Thread drain = Thread.ofPlatform().daemon().start(() -> {
            try {
                for (String next = log.readLine(); next != null; next = log.readLine()) {
                    later.add(next);
                }
            } catch (IOException e) {
                // the daemon is gone
            }
        });
        return new ImageDaemon(process, line, m.group(1), drain, later, stopSeconds, stops);
    }

    /** The daemon's first log line. */
    String firstLine() {
        return firstLine;
    }

    /** Its address, as --store and the service flags take it. */
    String url() {
        return url;
    }

    /** What the daemon wrote after its first line, up to now; all of it once it was closed. */
    List<String> laterLines() {
        synchronized (laterLines) {
            return List.copyOf(laterLines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(stopSeconds, TimeUnit.SECONDS), stops);
        drain.join(TimeUnit.SECONDS.toMillis(10));
    }
}
