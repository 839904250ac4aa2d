package io.nemesisdb.session;

import static io.nemesisdb.support.Replies.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import io.nemesisdb.support.CommandCore;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/** A test client for sessions mode, sending to the command core: creates sessions and sends commands naming them. */
final class SessionClient implements AutoCloseable {

    private final CommandCore client;

    private SessionClient(CommandCore client) {
        this.client = client;
    }

    static SessionClient connect() throws IOException {
        return new SessionClient(CommandCore.connect());
    }

    /** Sends {@code message} and returns the reply. */
    String request(String message) throws IOException {
        return client.request(message);
    }

    void send(String message) throws IOException {
        client.sendText(message);
    }

    CommandCore raw() {
        return client;
    }

    /** Creates a session with the given extra members of SH_NEW (e.g. {@code ,"shared":true}) and returns its token. */
    String newSession(String name, String extraMembers) throws IOException {
        JsonObject reply = body(request("{\"SH_NEW\":{\"name\":\"" + name + "\"" + extraMembers + "}}"), "SH_NEW_RSP");
        assertEquals(1, reply.getInt("st"), () -> "SH_NEW failed: " + reply);
        return token(reply);
    }

    String newSession() throws IOException {
        return newSession("s", "");
    }

    /** Sends the command {@code name} with {@code "tkn":token} first and then {@code members}, returns the reply. */
    String command(String name, String token, String members) throws IOException {
        return request(message(name, token, members));
    }

    static String message(String name, String token, String members) {
        return "{\"" + name + "\":{\"tkn\":" + token + (members.isEmpty() ? "" : "," + members) + "}}";
    }

    /** The token of a reply body, as the exact decimal text it was written with. */
    static String token(JsonObject replyBody) {
        return ((JsonNumber) replyBody.get("tkn")).bigIntegerValue().toString();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
