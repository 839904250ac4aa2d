package io.nemesisdb.protocol;

/** The two server modes, fixed at start-up by {@code nemesis.sessions-enabled}. */
public enum Mode {
    /** Sessions disabled: one key space. */
    KV,
    /** Sessions enabled: one key space per session, named by a token. */
    SESSIONS
}
