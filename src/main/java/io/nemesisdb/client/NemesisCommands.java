package io.nemesisdb.client;

import java.util.List;

import jakarta.json.JsonObject;

/** Every command of both modes, synchronous; see {@link NemesisAsyncCommands}. */
public interface NemesisCommands extends KvCommands {

    NemesisSession session(SessionToken token);

    SaveResult save(String name);

    LoadResult load(String name);

    SessionToken newSession(String name);

    SessionToken newSession(String name, Expiry expiry);

    SessionToken newSharedSession(String name, Expiry expiry);

    SessionToken openSession(String name);

    void endSession(SessionToken token);

    SessionInfo sessionInfo(SessionToken token);

    SessionTotals sessionTotals();

    List<SessionToken> sessionsExist(SessionToken... tokens);

    long endAllSessions();

    SaveResult saveSessions(String name, SessionToken... tokens);

    LoadResult loadSessions(String name);

    List<JsonObject> send(JsonObject request);
}
