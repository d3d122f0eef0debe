package dev.castore.cli.graph;

import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import dev.castore.composition.CompositionConfig;
import dev.castore.composition.StoreRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instances of a composition and the references between them, read from the configs alone
 * (nothing is built or connected): for {@code config check} (dangling references, cycles) and
 * {@code config graph} (DOT, Mermaid).
 */
public final class CompositionGraph {

    /** An instance: kind, name and type tag. */
    public record Instance(ServiceKind<?> kind, String name, String type) {
        String id() {
            return kind.name() + "_" + name.replaceAll("[^A-Za-z0-9_]", "_");
        }
    }

    /** A reference from one instance's field to another instance (or a URL). */
    public record Edge(Instance from, ServiceReference to) {}

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    private CompositionGraph() {}

    /** The graph of {@code config}, its types named through {@code registry}. */
    public static CompositionGraph of(CompositionConfig config, StoreRegistry registry) {
        CompositionGraph g = new CompositionGraph();
        for (ServiceKind<?> kind : ServiceKind.values()) {
            config.instances(kind).forEach((name, builder) -> {
                Instance i = new Instance(kind, name, typeOf(registry, kind, builder));
                g.instances.put(key(kind, name), i);
            });
        }
        for (Instance i : g.instances.values()) {
            ServiceBuilder<?> b = config.instances(i.kind()).get(i.name());
            for (ServiceReference r : b.references()) {
                g.edges.add(new Edge(i, r));
            }
        }
        return g;
    }

    private static String key(ServiceKind<?> kind, String name) {
        return kind.name() + ":" + name;
    }

    private static String typeOf(StoreRegistry registry, ServiceKind<?> kind, ServiceBuilder<?> builder) {
        for (String tag : registry.typeTags(kind)) {
            var entry = registry.lookup(kind, tag);
            if (entry.isPresent() && entry.get().registration().configType() == builder.getClass()) {
                return tag;
            }
        }
        return builder.getClass().getSimpleName();
    }

    public List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    public List<Edge> edges() {
        return List.copyOf(edges);
    }

    /**
     * Every cycle of references, each as "blob 'a' -> blob 'b' -> blob 'a'", once per cycle. A depth
     * first walk that keeps its own stack: a config may chain any number of instances.
     */
    public List<String> cycles() {
        Map<Instance, List<Instance>> successors = successors();
        List<String> out = new ArrayList<>();
        Set<Instance> done = new HashSet<>();
        for (Instance start : instances.values()) {
            if (done.contains(start)) {
                continue;
            }
            List<Instance> path = new ArrayList<>(List.of(start));
            Map<Instance, Integer> onPath = new HashMap<>(Map.of(start, 0));
            ArrayDeque<Iterator<Instance>> pending = new ArrayDeque<>();
            pending.push(successors.get(start).iterator());
            while (!pending.isEmpty()) {
                if (!pending.peek().hasNext()) {
                    pending.pop();
                    Instance finished = path.removeLast();
                    onPath.remove(finished);
                    done.add(finished);
                    continue;
                }
                Instance next = pending.peek().next();
                Integer at = onPath.get(next);
                if (at != null) {
                    out.add(cycle(path.subList(at, path.size()), next));
                } else if (!done.contains(next)) {
                    onPath.put(next, path.size());
                    path.add(next);
                    pending.push(successors.get(next).iterator());
                }
            }
        }
        return out;
    }

    /** The instances each one refers to by name, in the order of its references. */
    private Map<Instance, List<Instance>> successors() {
        Map<Instance, List<Instance>> out = new HashMap<>();
        instances.values().forEach(i -> out.put(i, new ArrayList<>()));
        for (Edge e : edges) {
            if (!e.to().isUrl()) {
                Instance to = instances.get(key(e.to().kind(), e.to().name()));
                if (to != null) {
                    out.get(e.from()).add(to);
                }
            }
        }
        return out;
    }

    private static String cycle(List<Instance> steps, Instance back) {
        List<String> names = new ArrayList<>();
        for (Instance s : steps) {
            names.add(s.kind() + " '" + s.name() + "'");
        }
        names.add(back.kind() + " '" + back.name() + "'");
        return String.join(" -> ", names);
    }

    /** Graphviz DOT. */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph composition {\n  rankdir=LR;\n  node [shape=box];\n");
        for (Instance i : instances.values()) {
            sb.append("  ").append(i.id()).append(" [label=\"").append(i.kind()).append(" ").append(escape(i.name()))
                    .append("\\n(").append(escape(i.type())).append(")\"];\n");
        }
        for (Edge e : edges) {
            sb.append("  ").append(e.from().id()).append(" -> ").append(target(e))
                    .append(" [label=\"").append(escape(e.to().field())).append("\"];\n");
        }
        return sb.append("}\n").toString();
    }

    /** Mermaid flowchart. */
    public String toMermaid() {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        for (Instance i : instances.values()) {
            sb.append("  ").append(i.id()).append("[\"").append(i.kind()).append(" ").append(mermaid(i.name()))
                    .append("<br/>(").append(mermaid(i.type())).append(")\"]\n");
        }
        int url = 0;
        for (Edge e : edges) {
            String to;
            if (e.to().isUrl()) {
                to = "url" + url++ + "[\"" + mermaid(e.to().name()) + "\"]";
            } else {
                to = new Instance(e.to().kind(), e.to().name(), "").id();
            }
            sb.append("  ").append(e.from().id()).append(" -->|").append(mermaid(e.to().field())).append("| ").append(to).append('\n');
        }
        return sb.toString();
    }

    private String target(Edge e) {
        if (e.to().isUrl()) {
            return "\"" + escape(e.to().name()) + "\"";
        }
        return new Instance(e.to().kind(), e.to().name(), "").id();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String mermaid(String s) {
        return s.replace("\"", "#quot;").replace("|", "#124;");
    }
}
