package io.nemesisdb.client;

import java.io.StringReader;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.nemesisdb.protocol.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** The client's asynchronous commands: KV mode's key space, sessions, saves and loads, and raw requests. */
final class AsyncView extends AsyncKv implements NemesisAsyncCommands {

    AsyncView(NemesisClient client) {
        super(client, null);
    }

    @Override
    public NemesisAsyncSession session(SessionToken token) {
        return new AsyncSession(this, token);
    }

    @Override
    public CompletionStage<SaveResult> save(String name) {
        return call("KV_SAVE", params().add("name", name), Status.SAVE_COMPLETE).thenApply(AsyncView::saveResult);
    }

    @Override
    public CompletionStage<LoadResult> load(String name) {
        return call("KV_LOAD", params().add("name", name), Status.LOAD_COMPLETE)
                .thenApply(reply -> new LoadResult(reply.getString("name"), number(reply, "keys"), 0));
    }

    @Override
    public CompletionStage<SessionToken> newSession(String name) {
        return newSession(name, null);
    }

    @Override
    public CompletionStage<SessionToken> newSession(String name, Expiry expiry) {
        return sessionNew(name, false, expiry);
    }

    @Override
    public CompletionStage<SessionToken> newSharedSession(String name, Expiry expiry) {
        return sessionNew(name, true, expiry);
    }

    private CompletionStage<SessionToken> sessionNew(String name, boolean shared, Expiry expiry) {
        JsonObjectBuilder params = params().add("name", name);
        if (shared) {
            params.add("shared", true);
        }
        if (expiry != null) {
            params.add("expiry", Link.JSON.createObjectBuilder().add("duration", expiry.durationSeconds())
                    .add("deleteSession", expiry.deleteSession()));
        }
        return call("SH_NEW", params).thenApply(reply -> SessionToken.fromJson(reply.get("tkn")));
    }

    @Override
    public CompletionStage<SessionToken> openSession(String name) {
        return call("SH_OPEN", params().add("name", name)).thenApply(reply -> SessionToken.fromJson(reply.get("tkn")));
    }

    @Override
    public CompletionStage<Void> endSession(SessionToken token) {
        return call("SH_END", params().add("tkn", token.toJson())).thenAccept(reply -> { });
    }

    @Override
    public CompletionStage<SessionInfo> sessionInfo(SessionToken token) {
        return call("SH_INFO", params().add("tkn", token.toJson())).thenApply(reply -> {
            JsonObject expiry = reply.getBoolean("expires", false) ? reply.getJsonObject("expiry") : null;
            return new SessionInfo(SessionToken.fromJson(reply.get("tkn")), reply.getBoolean("shared"), number(reply, "keyCnt"),
                    expiry == null ? null : new Expiry(number(expiry, "duration"), expiry.getBoolean("deleteSession")),
                    expiry == null ? 0 : number(expiry, "remaining"));
        });
    }

    @Override
    public CompletionStage<SessionTotals> sessionTotals() {
        return call("SH_INFO_ALL", params()).thenApply(reply -> new SessionTotals(number(reply, "totalSessions"), number(reply, "totalKeys")));
    }

    @Override
    public CompletionStage<List<SessionToken>> sessionsExist(SessionToken... tokens) {
        return call("SH_EXISTS", params().add("tkns", tokenArray(tokens)))
                .thenApply(reply -> reply.getJsonArray("exist").stream().map(SessionToken::fromJson).toList());
    }

    @Override
    public CompletionStage<Long> endAllSessions() {
        return call("SH_END_ALL", params()).thenApply(reply -> number(reply, "cnt"));
    }

    @Override
    public CompletionStage<SaveResult> saveSessions(String name, SessionToken... tokens) {
        JsonObjectBuilder params = params().add("name", name);
        if (tokens.length > 0) {
            params.add("tkns", tokenArray(tokens));
        }
        return call("SH_SAVE", params, Status.SAVE_COMPLETE).thenApply(AsyncView::saveResult);
    }

    @Override
    public CompletionStage<LoadResult> loadSessions(String name) {
        return call("SH_LOAD", params().add("name", name), Status.LOAD_COMPLETE)
                .thenApply(reply -> new LoadResult(reply.getString("name"), number(reply, "keys"), number(reply, "sessions")));
    }

    @Override
    public CompletionStage<List<JsonObject>> send(JsonObject request) {
        String command = request.size() == 1 ? request.keySet().iterator().next() : null;
        ReplyMatcher.Kind kind = command == null ? ReplyMatcher.Kind.ONE
                : ReplyMatcher.isQuiet(command) ? ReplyMatcher.Kind.QUIET
                : ReplyMatcher.isSave(command) ? ReplyMatcher.Kind.SAVE : ReplyMatcher.Kind.ONE;
        JsonValue body = command == null ? null : request.get(command);
        String token = null;
        String saveName = null;
        if (body instanceof JsonObject params) {
            token = ReplyMatcher.tokenText(params.get("tkn"));
            saveName = params.get("name") instanceof jakarta.json.JsonString name ? name.getString() : null;
        }
        return client.submit(request.toString(), new ReplyMatcher.Pending(command, token, saveName, kind));
    }

    /** {@link #send(JsonObject)} of a request written as JSON text. */
    CompletionStage<List<JsonObject>> send(String json) {
        return send(Link.JSON.createReader(new StringReader(json)).readObject());
    }

    private static JsonArrayBuilder tokenArray(SessionToken... tokens) {
        JsonArrayBuilder array = Link.JSON.createArrayBuilder();
        for (SessionToken token : tokens) {
            array.add(token.toJson());
        }
        return array;
    }

    private static SaveResult saveResult(JsonObject reply) {
        return new SaveResult(reply.getString("name"), reply.get("duration") instanceof JsonNumber duration ? duration.longValue() : 0);
    }
}
