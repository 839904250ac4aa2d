package io.nemesisdb.client;

import java.util.List;

import jakarta.json.JsonObject;

/** The client's synchronous commands, each waiting for the asynchronous view's result. */
final class SyncView extends SyncKv implements NemesisCommands {

    private final NemesisAsyncCommands async;
    private final NemesisClient client;

    SyncView(NemesisAsyncCommands async, NemesisClient client) {
        super(async, client.options().timeout());
        this.async = async;
        this.client = client;
    }

    @Override
    public NemesisSession session(SessionToken token) {
        return new SyncSession(async.session(token), client);
    }

    @Override
    public SaveResult save(String name) {
        return await(async.save(name));
    }

    @Override
    public LoadResult load(String name) {
        return await(async.load(name));
    }

    @Override
    public SessionToken newSession(String name) {
        return await(async.newSession(name));
    }

    @Override
    public SessionToken newSession(String name, Expiry expiry) {
        return await(async.newSession(name, expiry));
    }

    @Override
    public SessionToken newSharedSession(String name, Expiry expiry) {
        return await(async.newSharedSession(name, expiry));
    }

    @Override
    public SessionToken openSession(String name) {
        return await(async.openSession(name));
    }

    @Override
    public void endSession(SessionToken token) {
        await(async.endSession(token));
    }

    @Override
    public SessionInfo sessionInfo(SessionToken token) {
        return await(async.sessionInfo(token));
    }

    @Override
    public SessionTotals sessionTotals() {
        return await(async.sessionTotals());
    }

    @Override
    public List<SessionToken> sessionsExist(SessionToken... tokens) {
        return await(async.sessionsExist(tokens));
    }

    @Override
    public long endAllSessions() {
        return await(async.endAllSessions());
    }

    @Override
    public SaveResult saveSessions(String name, SessionToken... tokens) {
        return await(async.saveSessions(name, tokens));
    }

    @Override
    public LoadResult loadSessions(String name) {
        return await(async.loadSessions(name));
    }

    @Override
    public List<JsonObject> send(JsonObject request) {
        return await(async.send(request));
    }
}
