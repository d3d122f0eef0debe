/**
 * The {@code castore} command. It names no store: every store type and front end comes through
 * {@link dev.castore.api.spi.ServiceBuilderProvider} and {@link dev.castore.api.spi.ListenerProvider}
 * from the image's modules and from the plugin layers that
 * {@link dev.castore.composition.plugin.Plugins} loads.
 */
module dev.castore.cli {
    requires dev.castore.composition;
    requires com.fasterxml.jackson.core;
    requires info.picocli;
    // Only to set the thresholds of the client libraries that log through java.util.logging.
    requires java.logging;
    requires org.slf4j;
    // sun.misc.Signal: the daemon stops cleanly, with exit code 0, on SIGTERM.
    requires jdk.unsupported;

    // picocli fills the annotated fields of the commands reflectively.
    opens dev.castore.cli to info.picocli;
    opens dev.castore.cli.command to info.picocli;
}
