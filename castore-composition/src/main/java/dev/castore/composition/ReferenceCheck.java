package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the instance graph of a composition without building anything: every reference names an
 * instance the config has (a URL reference binds), and no instance refers, directly or through
 * others, to itself. It follows the references each {@link Instance} was bound with, URL
 * references included (bound, never built), with an explicit stack, so a chain of any length is
 * checked.
 *
 * <p>{@link Composition} runs {@link #check} before the first build of an entrypoint: combinators
 * build their children in parallel, and two of them in a cycle would otherwise wait on each
 * other's build instead of reporting it. {@link #problems} checks the whole graph, for
 * {@code castore config check}.
 */
public final class ReferenceCheck {

    private ReferenceCheck() {}

    /** One instance on the walk, and the field that led to it; a URL reference is a fresh instance at each occurrence. */
    private record Step(ServiceKind<?> kind, String name, String field) {
        boolean isUrl() {
            return name.contains("://");
        }

        InstanceKey key() {
            return new InstanceKey(kind, name);
        }

        String node() {
            return kind + " '" + name + "'";
        }
    }

    private record Frame(Step step, Iterator<ServiceReference> references) {}

    /** What the walk found wrong: {@code path} leads from where the walk started to {@code step}, excluded. */
    private record Finding(List<Step> path, Step step, Problem problem, Optional<ConfigException> error) {}

    private enum Problem { MISSING, CYCLE, BAD_URL }

    /**
     * Checks everything reachable from {@code kind}/{@code name}.
     *
     * @throws StoreNotFoundException a name the config does not have, with the path to it
     * @throws RecursionException a cycle, with the whole path from the entrypoint
     * @throws ConfigException a URL reference that does not bind, with the path to it
     */
    public static void check(Binder binder, CompositionConfig config, ServiceKind<?> kind, String name)
            throws CompositionException {
        List<Finding> found = walk(binder, config, List.of(new Step(kind, name, "")), 1);
        if (found.isEmpty()) {
            return;
        }
        Finding f = found.getFirst();
        throw switch (f.problem()) {
            case MISSING -> new StoreNotFoundException(f.step().kind(), f.step().name(), config.names(f.step().kind()),
                    via(f.path(), f.step()));
            case CYCLE -> new RecursionException(f.path().stream().map(Step::name).toList(), nodes(f.path(), f.step()));
            case BAD_URL -> new ConfigException(f.error().orElseThrow().getMessage() + via(f.path(), f.step()),
                    f.error().orElseThrow());
        };
    }

    /**
     * Every problem of the whole graph, each once, in the order of the config: references to names
     * the config does not have, URL references that do not bind, and cycles; empty when there is
     * none.
     */
    public static List<String> problems(Binder binder, CompositionConfig config) {
        List<Step> starts = config.instances().stream().map(i -> new Step(i.kind(), i.name(), "")).toList();
        List<String> out = new ArrayList<>();
        for (Finding f : walk(binder, config, starts, Integer.MAX_VALUE)) {
            Step from = f.path().getLast();
            out.add(switch (f.problem()) {
                case MISSING -> from.kind() + " instance '" + from.name() + "': field '" + f.step().field()
                        + "' refers to " + f.step().node() + ", which the composition does not have";
                case CYCLE -> {
                    int start = f.path().stream().map(Step::key).toList().indexOf(f.step().key());
                    yield "cycle: " + String.join(" -> ", nodes(f.path().subList(start, f.path().size()), f.step()));
                }
                case BAD_URL -> from.kind() + " instance '" + from.name() + "': field '" + f.step().field() + "': "
                        + f.error().orElseThrow().getMessage();
            });
        }
        return out;
    }

    /** Walks from each start not reached before, until {@code limit} findings. */
    private static List<Finding> walk(Binder binder, CompositionConfig config, List<Step> starts, int limit) {
        List<Finding> found = new ArrayList<>();
        Set<InstanceKey> done = new HashSet<>();
        Set<InstanceKey> onStack = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        for (Step start : starts) {
            if (done.contains(start.key())) {
                continue;
            }
            if (!enter(binder, config, start, stack, onStack, found)) {
                if (found.size() >= limit) {
                    return found;
                }
                continue;
            }
            while (!stack.isEmpty()) {
                Frame top = stack.peek();
                if (!top.references().hasNext()) {
                    stack.pop();
                    if (!top.step().isUrl()) {
                        onStack.remove(top.step().key());
                        done.add(top.step().key());
                    }
                    continue;
                }
                ServiceReference ref = top.references().next();
                Step next = new Step(ref.kind(), ref.name(), ref.field());
                if (!next.isUrl() && done.contains(next.key())) {
                    continue;
                }
                if (!next.isUrl() && onStack.contains(next.key())) {
                    found.add(new Finding(path(stack), next, Problem.CYCLE, Optional.empty()));
                } else {
                    enter(binder, config, next, stack, onStack, found);
                }
                if (found.size() >= limit) {
                    return found;
                }
            }
        }
        return found;
    }

    /** Pushes {@code step} with its references; records why not and returns false when it has none to give. */
    private static boolean enter(Binder binder, CompositionConfig config, Step step, Deque<Frame> stack, Set<InstanceKey> onStack,
            List<Finding> found) {
        List<ServiceReference> references;
        if (step.isUrl()) {
            try {
                references = binder.bindUrl(step.kind(), Composition.ANONYMOUS, step.name()).references();
            } catch (ConfigException e) {
                found.add(new Finding(path(stack), step, Problem.BAD_URL, Optional.of(e)));
                return false;
            }
        } else {
            Optional<Instance> instance = config.instance(step.kind(), step.name());
            if (instance.isEmpty()) {
                found.add(new Finding(path(stack), step, Problem.MISSING, Optional.empty()));
                return false;
            }
            references = instance.get().references();
            onStack.add(step.key());
        }
        stack.push(new Frame(step, references.iterator()));
        return true;
    }

    private static List<Step> path(Deque<Frame> stack) {
        List<Step> out = new ArrayList<>(stack.size());
        for (Iterator<Frame> it = stack.descendingIterator(); it.hasNext();) {
            out.add(it.next().step());
        }
        return out;
    }

    private static List<String> nodes(List<Step> path, Step last) {
        List<String> out = new ArrayList<>(path.size() + 1);
        path.forEach(s -> out.add(s.node()));
        out.add(last.node());
        return out;
    }

    /** ", referred to by blob 'root' -> blob 'a' (field 'far')"; empty for the entrypoint itself. */
    private static String via(List<Step> path, Step step) {
        if (path.isEmpty()) {
            return "";
        }
        return ", referred to by " + String.join(" -> ", path.stream().map(Step::node).toList())
                + " (field '" + step.field() + "')";
    }
}
