package io.nemesisdb.client;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.json.JsonObject;

/**
 * Every command of both modes, asynchronous. The key-value commands (inherited) work on KV mode's
 * key space; in sessions mode, use them through {@link #session(SessionToken)}.
 */
public interface NemesisAsyncCommands extends KvAsyncCommands {

    /** A view of the session {@code token}: its key-value commands carry the token. */
    NemesisAsyncSession session(SessionToken token);

    /** {@code KV_SAVE} (KV mode): completes when the save is durable on disk (121), fails with its error status. */
    CompletionStage<SaveResult> save(String name);

    /** {@code KV_LOAD} (KV mode): loads the newest complete save of the dataset. */
    CompletionStage<LoadResult> load(String name);

    /** {@code SH_NEW}: a private session that never expires. */
    CompletionStage<SessionToken> newSession(String name);

    /** {@code SH_NEW} with an expiry (null: never expires). */
    CompletionStage<SessionToken> newSession(String name, Expiry expiry);

    /** {@code SH_NEW} with {@code shared}: a session whose token is derived from its name, for others to open. */
    CompletionStage<SessionToken> newSharedSession(String name, Expiry expiry);

    /** {@code SH_OPEN}: the token of the shared session {@code name}. */
    CompletionStage<SessionToken> openSession(String name);

    /** {@code SH_END}. */
    CompletionStage<Void> endSession(SessionToken token);

    /** {@code SH_INFO}. */
    CompletionStage<SessionInfo> sessionInfo(SessionToken token);

    /** {@code SH_INFO_ALL}. */
    CompletionStage<SessionTotals> sessionTotals();

    /** {@code SH_EXISTS}: the given tokens that belong to sessions, in the order given. */
    CompletionStage<List<SessionToken>> sessionsExist(SessionToken... tokens);

    /** {@code SH_END_ALL}: ends every session; the number ended. */
    CompletionStage<Long> endAllSessions();

    /** {@code SH_SAVE}: saves every session, or only {@code tokens}; completes when durable (121). */
    CompletionStage<SaveResult> saveSessions(String name, SessionToken... tokens);

    /** {@code SH_LOAD}. */
    CompletionStage<LoadResult> loadSessions(String name);

    /**
     * Sends {@code request} as it is, and completes with every reply it got: none for a quiet
     * command that succeeded, two for a save (120, then 121 or 123), else one. Error statuses are
     * replies here, not failures.
     */
    CompletionStage<List<JsonObject>> send(JsonObject request);
}
