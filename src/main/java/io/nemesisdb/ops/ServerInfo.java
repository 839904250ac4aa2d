package io.nemesisdb.ops;

/** What the server says about itself: its version. */
public final class ServerInfo {

    private ServerInfo() {
    }

    /** This server's version, from the jar's manifest ({@code dev} when run from classes). */
    public static String version() {
        String version = ServerInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
