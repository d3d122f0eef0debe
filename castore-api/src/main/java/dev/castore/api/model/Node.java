package dev.castore.api.model;

/**
 * What a name in a {@link Directory} points at: a directory, a file or a symlink. A node carries
 * no name of its own; the directory holding it does (the name of a root node lives outside).
 */
public sealed interface Node permits DirectoryNode, FileNode, SymlinkNode {}
