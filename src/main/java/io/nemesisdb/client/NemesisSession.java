package io.nemesisdb.client;

/** The key-value commands of one session (sessions mode), each sent with its token; synchronous. */
public interface NemesisSession extends KvCommands {

    SessionToken token();

    /** {@code SH_INFO} of this session. */
    SessionInfo info();

    /** {@code SH_END}: ends this session and deletes its keys. */
    void end();
}
