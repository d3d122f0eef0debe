package dev.castore.cli.command;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.castore.cli.CliContext;
import dev.castore.cli.json.JsonOutput;
import dev.castore.cli.roots.NamedRoot;
import dev.castore.cli.roots.RootsFile;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code castore roots}. */
@Command(name = "roots", description = {"List the named roots of the store (recorded by import --name), newest first:"
        + " name, digest, time (UTC), host and source path.",
        "A name is accepted wherever a digest is, and so is a prefix (4 hex digits or more) of a named root's digest"
        + " that no other named root shares."})
public final class RootsCommand extends StoreCommand {

    @Option(names = "--history", description = "Every record, newest first, also those a later import under the same name replaced.")
    boolean history;

    @Option(names = "--json", description = "One JSON object per line and root: name, digest, time, host, source.")
    boolean json;

    public RootsCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        RootsFile file = stores.selection(context.env()).roots(context);
        List<NamedRoot> roots = history ? file.history().reversed() : file.current();
        PrintWriter out = context.out();
        if (json) {
            JsonGenerator g = JsonOutput.lines(out);
            for (NamedRoot r : roots) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                g.writeStringField("digest", r.digest().toHex());
                g.writeStringField("time", r.time().toString());
                g.writeStringField("host", r.host());
                g.writeStringField("source", r.source());
                g.writeEndObject();
            }
            if (!roots.isEmpty()) {
                JsonOutput.end(g);
            }
        } else {
            int width = roots.stream().mapToInt(r -> r.name().length()).max().orElse(0);
            for (NamedRoot r : roots) {
                out.println(String.format("%-" + width + "s  %s  %s  %s:%s", r.name(), r.digest().toHex(),
                        r.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), r.host(), r.source()));
            }
        }
        out.flush();
        return 0;
    }
}
