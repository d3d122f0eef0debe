package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.cli.CliContext;
import dev.castore.cli.roots.TreeResolver;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code castore serve-http [TREE]}: the daemon with the {@code http} listener of the http
 * plugin, the tree given as the listen URL's {@code root}.
 */
@Command(name = "serve-http", description = {"Serve a stored tree read-only over HTTP until SIGTERM or Ctrl-C:"
        + " directories as HTML listings (JSON with 'Accept: application/json') or their index file, files with"
        + " Content-Length, ETag (the blob digest), Range and conditional requests; symlinks followed within the tree."
        + " Without TREE, any directory is served at /DIGEST/."},
        footer = {"", "Examples:", "  castore serve-http b3:... --listen 0.0.0.0:8080",
                "  castore serve-http site:public   (the directory public of the root named site)",
                "  curl -H 'Accept: application/json' http://127.0.0.1:8080/sub/",
                "  castore daemon --listen 'http://127.0.0.1:8080?root=DIGEST&index=index.html'   (the same)"})
public final class ServeHttpCommand extends FrontEndCommand {

    @Parameters(arity = "0..1", paramLabel = "TREE", description = "The directory served at /. "
            + TreeResolver.ADDRESS_HELP)
    Optional<String> tree = Optional.empty();

    @Option(names = {"-l", "--listen"}, paramLabel = "HOST:PORT", description = "Where to listen; port 0 picks a free"
            + " port (default: ${DEFAULT-VALUE}).")
    String listen = "127.0.0.1:8080";

    @Option(names = "--index", paramLabel = "NAME", description = "The file served for a directory that holds one"
            + " (default: ${DEFAULT-VALUE}); empty: always the listing.")
    String index = "index.html";

    public ServeHttpCommand(CliContext context) {
        super(context);
    }

    /** The http listener's URL, the tree resolved to its directory's digest. */
    @Override
    String listenUrl() throws IOException {
        StringBuilder url = new StringBuilder("http://").append(listen).append("?index=")
                .append(URLEncoder.encode(index, StandardCharsets.UTF_8));
        if (tree.isPresent()) {
            B3Digest root = resolve(tree.get(),
                    address -> "serve " + address.root() + " and open /" + address.pathText() + "/");
            url.append("&root=").append(root.toHex());
        }
        return url.toString();
    }
}
