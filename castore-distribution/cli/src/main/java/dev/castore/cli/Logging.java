package dev.castore.cli;

/**
 * Configures slf4j-simple for a command-line tool: messages only, to stderr; warnings by
 * default, the command's own info lines (the daemon's address), everything with --verbose.
 * Must run before the first logger is created.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {}

    static void configure(boolean verbose) {
        setIfAbsent("logFile", "System.err");
        setIfAbsent("defaultLogLevel", verbose ? "debug" : "warn");
        setIfAbsent("log.dev.castore.cli", verbose ? "debug" : "info");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showLogName", verbose ? "true" : "false");
        setIfAbsent("showShortLogName", "false");
        setIfAbsent("levelInBrackets", "false");
        setIfAbsent("showDateTime", verbose ? "true" : "false");
        setIfAbsent("dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
