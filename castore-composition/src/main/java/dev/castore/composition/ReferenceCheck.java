package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks, without building anything, that the instances reachable from an entrypoint refer only
 * to instances the config has and never, directly or through others, to themselves. It follows
 * what each config declares in {@link ServiceBuilder#references()}, URL references included
 * (parsed, never built), with an explicit stack, so a chain of any length is checked.
 *
 * <p>{@link Composition} runs it before the first build of an entrypoint: combinators build
 * their children in parallel, and two of them in a cycle would otherwise wait on each other's
 * build instead of reporting it.
 */
public final class ReferenceCheck {

    private ReferenceCheck() {}

    /** An instance by kind and name. */
    private record Key(ServiceKind<?> kind, String name) {}

    /** One instance on the walk, and the field that led to it; a URL reference is a fresh instance at each occurrence. */
    private record Step(ServiceKind<?> kind, String name, String field) {
        boolean isUrl() {
            return name.contains("://");
        }

        Key key() {
            return new Key(kind, name);
        }

        String node() {
            return kind + " '" + name + "'";
        }
    }

    private record Frame(Step step, Iterator<ServiceReference> references) {}

    /**
     * Checks everything reachable from {@code kind}/{@code name}.
     *
     * @throws StoreNotFoundException a name the config does not have, with the path to it
     * @throws RecursionException a cycle, with the whole path from the entrypoint
     * @throws ConfigException a URL reference that does not parse, with the path to it
     */
    public static void check(StoreRegistry registry, CompositionConfig config, ServiceKind<?> kind, String name)
            throws CompositionException {
        Set<Key> done = new HashSet<>();
        Set<Key> onStack = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        Step entry = new Step(kind, name, "");
        stack.push(new Frame(entry, referencesOf(registry, config, entry, stack).iterator()));
        onStack.add(entry.key());
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
            if (!next.isUrl()) {
                if (done.contains(next.key())) {
                    continue;
                }
                if (onStack.contains(next.key())) {
                    throw recursion(stack, next);
                }
            }
            List<ServiceReference> references = referencesOf(registry, config, next, stack);
            stack.push(new Frame(next, references.iterator()));
            if (!next.isUrl()) {
                onStack.add(next.key());
            }
        }
    }

    private static List<ServiceReference> referencesOf(StoreRegistry registry, CompositionConfig config, Step step,
            Deque<Frame> stack) throws CompositionException {
        if (step.isUrl()) {
            try {
                return registry.parseUrl(step.kind(), step.name()).references();
            } catch (ConfigException e) {
                throw new ConfigException(e.getMessage() + path(stack, step), e);
            }
        }
        ServiceBuilder<?> builder = config.get(step.kind(), step.name()).orElse(null);
        if (builder == null) {
            throw new StoreNotFoundException(step.kind(), step.name(), config.names(step.kind()), path(stack, step));
        }
        return builder.references();
    }

    private static RecursionException recursion(Deque<Frame> stack, Step again) {
        List<String> names = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (Iterator<Frame> it = stack.descendingIterator(); it.hasNext();) {
            Step s = it.next().step();
            names.add(s.name());
            steps.add(s.node());
        }
        steps.add(again.node());
        return new RecursionException(names, steps);
    }

    /** ", referred to by blob 'root' -> blob 'a' (field 'far')"; empty for the entrypoint itself. */
    private static String path(Deque<Frame> stack, Step step) {
        if (stack.isEmpty()) {
            return "";
        }
        List<String> nodes = new ArrayList<>();
        for (Iterator<Frame> it = stack.descendingIterator(); it.hasNext();) {
            nodes.add(it.next().step().node());
        }
        return ", referred to by " + String.join(" -> ", nodes) + " (field '" + step.field() + "')";
    }
}
