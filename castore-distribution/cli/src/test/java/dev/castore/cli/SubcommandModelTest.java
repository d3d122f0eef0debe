package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.cli.command.CatCommand;
import dev.castore.cli.command.LsCommand;
import org.junit.jupiter.api.Test;

/**
 * A command line builds the model of the one subcommand it runs; help, completion, the manual
 * page and mistyped names still see every subcommand.
 */
class SubcommandModelTest {

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertEquals(java.util.List.of(LsCommand.class), CastoreCommand.subcommandsFor(new String[] {"ls", "abc"}));
        assertEquals(java.util.List.of(CatCommand.class),
                CastoreCommand.subcommandsFor(new String[] {"-v", "--plugins", "ls", "cat", "x"}));
    }

    @Test
    void helpAndUnknownNamesBuildEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "ls"}, {"generate-man-page"}, {"lss"}, {"--plugins"}}) {
            assertEquals(CastoreCommand.SUBCOMMANDS, CastoreCommand.subcommandsFor(args), String.join(" ", args));
        }
    }

    @Test
    void theMainHelpListsEverySubcommand() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {"daemon", "import", "export", "cat", "stat", "ls", "roots", "copy", "config", "plugins",
                "serve-http", "mount"}) {
            assertTrue(r.out().contains("\n  " + name + " "), name + " in " + r.out());
        }
    }

    @Test
    void helpOfASubcommandAndItsOwnHelpAgree() {
        Cli.Result viaHelp = Cli.run("help", "ls");
        Cli.Result own = Cli.run("ls", "--help");
        assertEquals(0, viaHelp.code(), viaHelp.err());
        assertEquals(0, own.code(), own.err());
        assertTrue(own.out().startsWith("Usage: castore ls "), own.out());
        assertEquals(own.out(), viaHelp.out());
    }

    @Test
    void aMistypedSubcommandIsAUsageErrorThatSuggestsTheName() {
        Cli.Result r = Cli.run("lss");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("lss") && r.err().contains("ls"), r.err());
    }

    @Test
    void inheritedOptionsStillWorkAfterTheSubcommand() {
        Cli.Result r = Cli.run("plugins", "-v");
        assertEquals(0, r.code(), r.err());
    }
}
