/**
 * Conformance suites that every store runs: {@link dev.castore.testkit.BlobServiceContract} and
 * {@link dev.castore.testkit.DirectoryServiceContract}, plus the spec's fixtures.
 */
module dev.castore.testkit {
    requires transitive dev.castore.api;
    requires transitive org.junit.jupiter.api;

    exports dev.castore.testkit;

    opens dev.castore.testkit to org.junit.platform.commons;
}
