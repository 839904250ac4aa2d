package io.nemesisdb.command;

/** What a command works on, which decides what the dispatcher resolves before calling it. */
public enum Scope {
    /** The server as a whole: no token, no key space. */
    SERVER,
    /** One key space: the only one in KV mode, a session's (named by {@code tkn}) in sessions mode. */
    KEY_SPACE,
    /** A session named by {@code tkn}, without touching its expiry (sessions mode only). */
    SESSION
}
