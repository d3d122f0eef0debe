package dev.castore.cli.command;

import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.AddressInUseException;
import dev.castore.api.spi.Listener;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.telemetry.TelemetrySettings;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.DataHome;
import dev.castore.cli.ProcessTelemetry;
import dev.castore.cli.StoreSelection;
import dev.castore.composition.Readiness;
import dev.castore.composition.ReadinessWatch;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code castore daemon [--listen ADDRESS]}. */
@Command(name = "daemon", description = {"Serve the blob and directory services over gRPC (tvix and snix clients)"
        + " until SIGTERM or Ctrl-C. Without options: on 127.0.0.1:" + DataHome.DEFAULT_PORT + ", the embedded"
        + " default store in ~/.local/share/castore ($XDG_DATA_HOME/castore where it is set)."},
        footer = {"",
                "Query parameters of the --listen URL (TLS, client certificates, a token):",
                "  tls-cert-file=FILE       the server's certificate chain (PEM), and",
                "  tls-key-file=FILE        its private key (PEM): both required by grpc+https",
                "  tls-client-ca-file=FILE  require client certificates signed by this CA (PEM)",
                "  token-file=FILE          every castore call must carry the header",
                "                           'authorization: Bearer <the file's content>'",
                "  reflection=0             turn gRPC server reflection off",
                "Plain HTTP/2 (HOST:PORT, grpc+http://) on an address that other hosts can",
                "reach is warned about: without a token, anyone who reaches it can read and",
                "write the stores, and with one, the token crosses the network in clear text.",
                "",
                "Examples:",
                "  castore daemon --listen 0.0.0.0:8000",
                "  castore daemon --listen grpc+unix:///run/castore.sock",
                "  tls='tls-cert-file=cert.pem&tls-key-file=key.pem'",
                "  castore daemon --listen \"grpc+https://0.0.0.0:8443?$tls&token-file=token\"",
                "  castore daemon --metrics-listen 127.0.0.1:9464",
                "  castore daemon --otlp-endpoint http://127.0.0.1:4318"})
public final class DaemonCommand extends StoreCommand {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonCommand.class);

    @Option(names = {"-l", "--listen"}, paramLabel = "HOST:PORT|URL",
            description = "Where to listen: HOST:PORT (plain gRPC over HTTP/2), or a URL: grpc+http://HOST:PORT,"
                    + " grpc+https://HOST:PORT?tls-cert-file=...&tls-key-file=..., grpc+unix:///PATH.sock; port 0 picks"
                    + " a free port (default: 127.0.0.1:" + DataHome.DEFAULT_PORT + "). Query parameters below.")
    String listen = "127.0.0.1:" + DataHome.DEFAULT_PORT;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics (per store instance and gRPC method) at http://HOST:PORT/metrics;"
                    + " port 0 picks a free one (default: off). Needs the observability plugin.")
    String metricsListen;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Export traces by OTLP over HTTP to this collector, e.g. http://127.0.0.1:4318 (default:"
                    + " $" + ProcessTelemetry.OTLP_ENDPOINT_ENV + "; neither: no tracing). Needs the observability plugin.")
    String otlpEndpoint;

    @Option(names = "--readiness-interval", paramLabel = "SECONDS",
            description = "Check every SECONDS that every store answers, each check within " + READINESS_TIMEOUT_SECONDS
                    + " s; while one does not, the gRPC health service says NOT_SERVING, and a store that refuses writes"
                    + " until it is opened again (after a failed sync) is opened again (default: 10; 0: never).")
    int readinessInterval = 10;

    private static final int READINESS_TIMEOUT_SECONDS = 5;

    /** What the log and the telemetry call this process: the command that runs it ({@code castore mount}). */
    String name = "castore daemon";

    public DaemonCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        String url = listen.contains("://") ? listen : "grpc+http://" + listen;
        // A server hashes without end: whatever pays off only for long work (SIMD code) is worth it.
        Blake3.expect(Long.MAX_VALUE);
        StoreSelection selection = stores.selection(context.env());
        String scheme = url.substring(0, url.indexOf("://"));
        if (context.listeners().lookup(scheme).isEmpty() && context.listeners().bySchemes().isEmpty()) {
            throw new CliException(CliException.USAGE, "the daemon needs the grpc plugin, which is not installed (plugins"
                    + " directory: " + context.pluginsDirectory().map(Object::toString).orElse("none") + ")");
        }
        Telemetry telemetry = ProcessTelemetry.start(context, new TelemetrySettings(name,
                Optional.ofNullable(metricsListen), ProcessTelemetry.otlpEndpoint(Optional.ofNullable(otlpEndpoint), context.env())));
        ReopeningStores open;
        try {
            open = ReopeningStores.open(() -> selection.open(context, telemetry));
        } catch (IOException | RuntimeException e) {
            telemetry.close();
            throw e;
        }
        Listener listener;
        try {
            listener = context.listeners().listen(url, open.blobs(), open.directories(), telemetry);
        } catch (AddressInUseException e) {
            open.close();
            telemetry.close();
            throw new CliException(CliException.FAILED, e.getMessage() + " (another daemon? pick another address with"
                    + " --listen HOST:PORT; port 0 picks a free one)", e);
        } catch (IOException e) {
            open.close();
            telemetry.close();
            throw e;
        } catch (RuntimeException e) {
            open.close();
            telemetry.close();
            throw e;
        }
        Optional<ReadinessWatch> watch = readinessInterval <= 0 ? Optional.empty()
                : Optional.of(ReadinessWatch.start(new Readiness(open::compositions, Duration.ofSeconds(READINESS_TIMEOUT_SECONDS)),
                        Duration.ofSeconds(readinessInterval), result -> afterCheck(result, open, listener)));
        // SIGTERM is how service managers stop the daemon: it closes the listener and the stores, and
        // the command ends with 0 like any clean stop (left to the JVM, it would exit with 143).
        Signal.handle(new Signal("TERM"), signal -> listener.close());
        Thread shutdown = new Thread(() -> {
            watch.ifPresent(ReadinessWatch::close);
            listener.close();
            try {
                open.close();
            } catch (Exception e) {
                LOG.warn("closing the stores failed: {}", e.getMessage());
            }
            telemetry.close();
        }, "castore-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        LOG.info("{}: {}; BLAKE3: {}; listening on {}", name, selection.describe(context), Blake3.implementationName(),
                listener.address());
        telemetry.metricsAddress().ifPresent(a -> LOG.info("metrics at {}", a));
        listener.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException e) {
            return 0; // the JVM is stopping (Ctrl-C): the hook closes everything
        }
        shutdown.run();
        return 0;
    }

    /**
     * Hands a readiness check's result to the listener, and opens the stores again when one
     * refuses every write until then (after a failed sync: the recovery is a crash's, which the
     * open runs), or when the last reopen failed. Until the next check passes, the daemon says
     * NOT_SERVING.
     */
    static void afterCheck(Readiness.Result result, ReopeningStores stores, Listener listener) {
        boolean open = stores.isOpen();
        listener.ready(result.ready() && open);
        if (result.refusingWrites().isEmpty() && open) {
            return;
        }
        if (!result.refusingWrites().isEmpty()) {
            LOG.warn("opening the stores again, as after a crash: {}", String.join("; ", result.refusingWrites()));
        }
        try {
            stores.reopen();
            LOG.info("the stores are open again");
        } catch (IOException | RuntimeException e) {
            LOG.warn("opening the stores again failed (tried again at the next check): {}", e.getMessage());
            LOG.debug("opening the stores again failed", e);
        }
    }
}
