package dev.castore.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Configures logging for a command-line tool: messages only, to stderr; warnings by default, the
 * command's own info lines (the daemon's address), everything down to debug with --verbose.
 * slf4j-simple carries castore's own logging; java.util.logging carries that of client libraries
 * in the plugins (the Bigtable client announces each emulator connection at INFO), so it gets the
 * same thresholds. Must run before the first logger is created.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";

    /** Held so that its level outlives this method (JUL keeps loggers weakly). */
    private static final Logger RUNTIME = Logger.getLogger("java.lang.Runtime");

    /**
     * grpc-java's channel, which warns of a host name it cannot resolve with the lookup's stack
     * trace in the message, sixteen lines before the command's own error says the same in one.
     * Held, as {@link #RUNTIME}.
     */
    private static final Logger GRPC_CHANNEL = Logger.getLogger("io.grpc.internal.ManagedChannelImpl");

    private Logging() {}

    static void configure(boolean verbose) {
        configureSimpleLogger(verbose);
        configureJul(verbose);
    }

    /**
     * Sets slf4j-simple's thresholds and format: before the first slf4j logger is made, on any
     * thread, as slf4j-simple reads them then.
     */
    static void configureSimpleLogger(boolean verbose) {
        setIfAbsent(PREFIX + "logFile", "System.err");
        setIfAbsent(PREFIX + "defaultLogLevel", verbose ? "debug" : "warn");
        setIfAbsent(PREFIX + "log.dev.castore.cli", verbose ? "debug" : "info");
        setIfAbsent(PREFIX + "showThreadName", "false");
        setIfAbsent(PREFIX + "showLogName", verbose ? "true" : "false");
        setIfAbsent(PREFIX + "showShortLogName", "false");
        setIfAbsent(PREFIX + "levelInBrackets", "false");
        setIfAbsent(PREFIX + "showDateTime", verbose ? "true" : "false");
        setIfAbsent(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
    }

    /**
     * Sets the threshold of java.util.logging's root logger and of its handlers (the JDK's default
     * console handler, on stderr, drops everything below INFO by itself), and a one-line format
     * like slf4j-simple's. A user's own JUL configuration file or class is left alone.
     */
    static void configureJul(boolean verbose) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        // Read by each SimpleFormatter when it is made, so it must be set before the root's
        // handlers are first asked for below.
        setIfAbsent(JUL_FORMAT, verbose
                ? "%1$tH:%1$tM:%1$tS.%1$tL %4$s %3$s - %5$s%6$s%n"
                : "%4$s %5$s%6$s%n");
        Level level = verbose ? Level.FINE : Level.WARNING;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
        // At FINE the JDK logs every System.exit with a stack trace, as if it were an error.
        RUNTIME.setLevel(Level.INFO);
        // A call on a channel that cannot resolve its host fails with UNAVAILABLE and "Unable to
        // resolve host", which the command reports; the channel's warning is for --verbose.
        GRPC_CHANNEL.setLevel(verbose ? Level.FINE : Level.SEVERE);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
