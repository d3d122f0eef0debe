package dev.castore.api.model;

import java.util.Objects;

/** A symbolic link and its target. */
public record SymlinkNode(SymlinkTarget target) implements Node {

    public SymlinkNode {
        Objects.requireNonNull(target, "target");
    }
}
