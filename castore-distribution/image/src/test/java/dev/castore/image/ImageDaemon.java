package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code castore daemon} from the image on a free loopback port: its first log line names where
 * it listens; the rest of its output is drained so that the pipe never fills. Closing stops it
 * with SIGTERM, as a service manager does, and checks that it stops.
 */
final class ImageDaemon implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (grpc\\+http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final String firstLine;
    private final String url;

    private ImageDaemon(Process process, String firstLine, String url) {
        this.process = process;
        this.firstLine = firstLine;
        this.url = url;
    }

    /** Starts {@code castore daemon --listen 127.0.0.1:0 ARGS} with the environment and waits until it listens. */
    static ImageDaemon start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("daemon", "--listen", "127.0.0.1:0"));
        command.addAll(List.of(args));
        Process process = Image.command(env, command.toArray(String[]::new)).redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = String.valueOf(log.readLine());
        Matcher m = LISTENING.matcher(line);
        if (!m.find()) {
            process.destroyForcibly();
            throw new AssertionError("the daemon did not say where it listens: " + line);
        }
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (log.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException e) {
                // the daemon is gone
            }
        });
        return new ImageDaemon(process, line, m.group(1));
    }

    /** The daemon's first log line. */
    String firstLine() {
        return firstLine;
    }

    /** Its address, as --store and the service flags take it. */
    String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
    }
}
