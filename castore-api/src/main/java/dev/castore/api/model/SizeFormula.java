package dev.castore.api.model;

/**
 * How the size of a directory is counted.
 *
 * <p>tvix (since Aug 2024) and snix compute {@link #TVIX_COMPAT}, and their put paths reject
 * edges whose size differs from it; it is therefore the default everywhere. {@link #DOCUMENTED}
 * is what the protobuf comments and the Go package describe. Both agree when every directory
 * below is empty.
 */
public enum SizeFormula {
    /** {@code 2 * (number of entries) + sum of the child directories' sizes}. */
    TVIX_COMPAT,
    /** {@code number of entries + sum of the child directories' sizes}: every node below counted once. */
    DOCUMENTED
}
