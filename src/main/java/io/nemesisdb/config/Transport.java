package io.nemesisdb.config;

import java.util.Locale;

/** Which WebSocket implementation serves clients, chosen at start-up by {@code nemesis.transport}. */
public enum Transport {
    /** Netty event loops: each loop thread reads, runs the command and writes, with no hand-off. */
    NETTY,
    /** The Jakarta WebSocket endpoint (Tyrus): portable to other Jakarta EE and MicroProfile runtimes. */
    JAKARTA;

    /** The transport named {@code value} (case-insensitive), or a {@link SettingsException} naming the choices. */
    static Transport parse(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "netty" -> NETTY;
            case "jakarta" -> JAKARTA;
            default -> throw new SettingsException("setting " + name + " is '" + value + "', not netty or jakarta");
        };
    }
}
