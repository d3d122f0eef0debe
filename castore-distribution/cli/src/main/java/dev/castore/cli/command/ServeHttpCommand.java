package dev.castore.cli.command;

import dev.castore.cli.CliContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code castore serve-http [DIGEST]}: the daemon with the {@code http} listener of the http
 * plugin, the tree given as the listen URL's {@code root}.
 */
@Command(name = "serve-http", description = {"Serve a stored tree read-only over HTTP until SIGTERM or Ctrl-C:"
        + " directories as HTML listings (JSON with 'Accept: application/json') or their index file, files with"
        + " Content-Length, ETag (the blob digest), Range and conditional requests; symlinks followed within the tree."
        + " Without DIGEST, any directory is served at /DIGEST/."},
        footer = {"", "Examples:", "  castore serve-http b3:... --listen 0.0.0.0:8080",
                "  curl -H 'Accept: application/json' http://127.0.0.1:8080/sub/",
                "  castore daemon --listen 'http://127.0.0.1:8080?root=DIGEST&index=index.html'   (the same)"})
public final class ServeHttpCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    StoreOptions stores;

    @Parameters(arity = "0..1", paramLabel = "DIGEST", description = "The directory served at /.")
    Optional<String> digest = Optional.empty();

    @Option(names = {"-l", "--listen"}, paramLabel = "HOST:PORT", description = "Where to listen; port 0 picks a free"
            + " port (default: ${DEFAULT-VALUE}).")
    String listen = "127.0.0.1:8080";

    @Option(names = "--index", paramLabel = "NAME", description = "The file served for a directory that holds one"
            + " (default: ${DEFAULT-VALUE}); empty: always the listing.")
    String index = "index.html";

    public ServeHttpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        StringBuilder url = new StringBuilder("http://").append(listen).append("?index=")
                .append(URLEncoder.encode(index, StandardCharsets.UTF_8));
        digest.ifPresent(d -> url.append("&root=").append(NodeText.parse(d).toHex()));
        DaemonCommand daemon = new DaemonCommand(context);
        daemon.stores = stores;
        daemon.listen = url.toString();
        return daemon.call();
    }
}
