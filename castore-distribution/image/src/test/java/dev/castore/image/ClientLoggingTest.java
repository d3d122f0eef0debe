package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.testkit.Ports;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Bigtable client of the bigtable plugin logs through java.util.logging; its INFO lines
 * ("Connecting to the Bigtable emulator at ...") reach the user only with --verbose.
 */
class ClientLoggingTest {

    private static final String CONNECTING = "Connecting to the Bigtable emulator";

    /** A Bigtable URL whose emulator address nothing listens on: the command fails quickly. */
    private static String unreachableBigtable() throws Exception {
        int port = Ports.nothingListening();
        return "bigtable://instance-1?project_id=project-1&table_name=t&family_name=cf1&timeout=1"
                + "&emulator_host=127.0.0.1:" + port;
    }

    @Test
    void clientInfoLinesOnlyWithVerbose() throws Exception {
        String url = unreachableBigtable();
        Image.Result quiet = Image.run(Map.of(), "ls", "--directory-service", url, "00".repeat(32));
        assertEquals(1, quiet.code(), quiet.err());
        assertEquals(1, quiet.err().strip().lines().count(), quiet.err());
        assertTrue(quiet.err().startsWith("castore ls: "), quiet.err());
        assertFalse(quiet.err().contains(CONNECTING), quiet.err());

        Image.Result verbose = Image.run(Map.of(), "ls", "--verbose", "--directory-service", url, "00".repeat(32));
        assertEquals(1, verbose.code(), verbose.err());
        assertTrue(verbose.err().contains(CONNECTING), verbose.err());
    }
}
