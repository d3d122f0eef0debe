package dev.castore.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of the castore module, from its module descriptor. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getModule().getDescriptor() != null
                ? VersionProvider.class.getModule().getDescriptor().rawVersion().orElse("unknown")
                : "unknown";
        return new String[] {"castore " + v + " (Java " + Runtime.version() + ")"};
    }
}
