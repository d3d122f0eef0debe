package dev.castore.composition;

import dev.castore.api.spi.ServiceKind;

/**
 * An instance of a composition by kind and name, as builds and the reference check track it;
 * written as {@code blob 'name'} in messages.
 */
record InstanceKey(ServiceKind<?> kind, String name) {

    // Written out: a record's generated equals and hashCode are bound at their first call by an
    // invokedynamic bootstrap that spins method handles, a few milliseconds of every command's
    // start that the AOT cache does not keep.
    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceKey k && kind.equals(k.kind) && name.equals(k.name);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + name.hashCode();
    }

    @Override
    public String toString() {
        return kind + " '" + name + "'";
    }
}
