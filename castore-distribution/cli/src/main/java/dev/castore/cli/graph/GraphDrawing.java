package dev.castore.cli.graph;

import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import dev.castore.composition.CompositionConfig;
import dev.castore.composition.Instance;

/**
 * The instance graph of a composition drawn as text for {@code config graph}: a node per
 * instance (kind, name, type tag) and an edge per reference, labelled with its field; a URL
 * reference is a node of its own.
 */
public final class GraphDrawing {

    private GraphDrawing() {}

    /** Graphviz DOT. */
    public static String dot(CompositionConfig config) {
        StringBuilder sb = new StringBuilder("digraph composition {\n  rankdir=LR;\n  node [shape=box];\n");
        for (Instance i : config.instances()) {
            sb.append("  ").append(id(i.kind(), i.name())).append(" [label=\"").append(i.kind()).append(' ')
                    .append(dotText(i.name())).append("\\n(").append(dotText(i.type())).append(")\"];\n");
        }
        for (Instance i : config.instances()) {
            for (ServiceReference r : i.references()) {
                String to = r.isUrl() ? "\"" + dotText(r.name()) + "\"" : id(r.kind(), r.name());
                sb.append("  ").append(id(i.kind(), i.name())).append(" -> ").append(to)
                        .append(" [label=\"").append(dotText(r.field())).append("\"];\n");
            }
        }
        return sb.append("}\n").toString();
    }

    /** Mermaid flowchart. */
    public static String mermaid(CompositionConfig config) {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        for (Instance i : config.instances()) {
            sb.append("  ").append(id(i.kind(), i.name())).append("[\"").append(i.kind()).append(' ')
                    .append(mermaidText(i.name())).append("<br/>(").append(mermaidText(i.type())).append(")\"]\n");
        }
        int url = 0;
        for (Instance i : config.instances()) {
            for (ServiceReference r : i.references()) {
                String to = r.isUrl() ? "url" + url++ + "[\"" + mermaidText(r.name()) + "\"]" : id(r.kind(), r.name());
                sb.append("  ").append(id(i.kind(), i.name())).append(" -->|").append(mermaidText(r.field())).append("| ")
                        .append(to).append('\n');
            }
        }
        return sb.toString();
    }

    private static String id(ServiceKind<?> kind, String name) {
        return kind.name() + "_" + name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String dotText(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String mermaidText(String s) {
        return s.replace("\"", "#quot;").replace("|", "#124;");
    }
}
