package io.nemesisdb.client;

import java.util.concurrent.CompletionStage;

/** The key-value commands of one session (sessions mode), each sent with its token; asynchronous. */
public interface NemesisAsyncSession extends KvAsyncCommands {

    SessionToken token();

    /** {@code SH_INFO} of this session. */
    CompletionStage<SessionInfo> info();

    /** {@code SH_END}: ends this session and deletes its keys. */
    CompletionStage<Void> end();
}
