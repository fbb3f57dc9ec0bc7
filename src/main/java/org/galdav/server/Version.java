package org.galdav.server;

import picocli.CommandLine.IVersionProvider;

/** galdav's version, as the jar's manifest states it ({@code Implementation-Version}, from the pom). */
final class Version implements IVersionProvider {
    /** What a build that is no jar (classes run from an IDE or by the tests) says instead of a version. */
    static final String UNKNOWN = "unknown (not run from the packaged jar)";

    /** The version, e.g. "0.1.0". */
    static String number() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? UNKNOWN : version;
    }

    /** "galdav 0.1.0": name and version. */
    static String text() {
        return "galdav " + number();
    }

    @Override
    public String[] getVersion() {
        return new String[] {text(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
