package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client libraries that log through java.util.logging (the Bigtable client, gRPC) get the
 * command's thresholds: warnings by default, debug with --verbose.
 */
class LoggingTest {

    private static final Logger LIBRARY = Logger.getLogger("com.google.cloud.bigtable.data.v2.BigtableDataSettings");

    @AfterEach
    void quietAgain() {
        Cli.run("plugins");
    }

    @Test
    void julInfoIsDroppedByDefault() {
        Cli.run("plugins");
        assertEquals(Level.WARNING, Logger.getLogger("").getLevel());
        assertFalse(LIBRARY.isLoggable(Level.INFO));
        assertTrue(LIBRARY.isLoggable(Level.WARNING));
        for (Handler h : Logger.getLogger("").getHandlers()) {
            assertEquals(Level.WARNING, h.getLevel(), h.toString());
        }
    }

    @Test
    void verboseShowsJulDebug() {
        Cli.run("plugins", "--verbose");
        assertTrue(LIBRARY.isLoggable(Level.FINE));
        assertFalse(LIBRARY.isLoggable(Level.FINER));
        for (Handler h : Logger.getLogger("").getHandlers()) {
            assertEquals(Level.FINE, h.getLevel(), h.toString());
        }
    }
}
