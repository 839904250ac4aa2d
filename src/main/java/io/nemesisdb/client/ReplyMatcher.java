package io.nemesisdb.client;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Gives each reply on one connection to the request it answers, by the protocol's rules: replies
 * come in request order; a quiet command ({@code KV_SETQ}, {@code KV_ADDQ}) replies only when it
 * fails, so the next reply to anything else proves that it succeeded; a save replies 120 in order
 * and 121 (or 123) when it has finished, possibly after replies to later requests (a server that
 * sends only 121 is understood too).
 *
 * <p>When several quiet commands of the same name (and session) are in flight together and some
 * but not all of them fail, the protocol does not say which: each of them then fails, with a
 * message that says so, rather than any of them being reported as stored when it was not.
 *
 * <p>Not thread-safe: the connection calls it under its lock. {@link #onReply} returns the
 * completions to run once the lock is released, so that no caller's code runs under it.
 */
final class ReplyMatcher {

    /** How a request is answered. */
    enum Kind { ONE, QUIET, SAVE }

    /** A request awaiting its replies; {@code replies} completes with every reply message it got. */
    static final class Pending {
        final String command;
        final String token;
        final String saveName;
        final Kind kind;
        final CompletableFuture<List<JsonObject>> replies = new CompletableFuture<>();
        JsonObject saveStarted;

        Pending(String command, String token, String saveName, Kind kind) {
            this.command = command;
            this.token = token;
            this.saveName = saveName;
            this.kind = kind;
        }
    }

    /** A reply that fits no request: the connection no longer knows which reply is whose. */
    static final class OutOfStepException extends Exception {
        OutOfStepException(String message) {
            super(message);
        }
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<Pending> savesRunning = new ArrayList<>();
    /** Error replies to the quiet commands at the front, by command and token. */
    private final Map<String, List<JsonObject>> quietErrors = new HashMap<>();

    void add(Pending request) {
        pending.add(request);
    }

    /** Requests still waiting for a reply (saves that have started included). */
    List<Pending> drainAll() {
        List<Pending> all = new ArrayList<>(pending);
        all.addAll(savesRunning);
        pending.clear();
        savesRunning.clear();
        quietErrors.clear();
        return all;
    }

    /** Assigns {@code message} to its request; returns what to complete. */
    List<Runnable> onReply(JsonObject message) throws OutOfStepException {
        if (message.size() != 1 || !(message.values().iterator().next() instanceof JsonObject body)) {
            throw new OutOfStepException("not a reply: " + message);
        }
        String name = message.keySet().iterator().next();
        int st = body.getInt("st", -1);
        List<Runnable> done = new ArrayList<>(2);
        String command = name.endsWith("_RSP") ? name.substring(0, name.length() - 4) : null;
        if (command != null && (st == 121 || st == 123) && finishSave(command, body, message, done)) {
            return done;
        }
        if (command != null && isQuiet(command) && quietError(command, body, message, done)) {
            return done;
        }
        settleQuietFront(done);
        Pending head = pending.poll();
        if (head == null) {
            throw new OutOfStepException("a reply with no request waiting: " + message);
        }
        if (!name.equals("ERR") && !name.equals(head.command + "_RSP")) {
            throw new OutOfStepException("expected the reply to " + head.command + ", got " + message);
        }
        if (head.kind == Kind.SAVE && st == 120) {
            head.saveStarted = message;
            savesRunning.add(head);
        } else if (head.saveStarted == null) {
            done.add(() -> head.replies.complete(List.of(message)));
        }
        return done;
    }

    static boolean isQuiet(String command) {
        return command.equals("KV_SETQ") || command.equals("KV_ADDQ");
    }

    static boolean isSave(String command) {
        return command.equals("KV_SAVE") || command.equals("SH_SAVE");
    }

    private boolean finishSave(String command, JsonObject body, JsonObject message, List<Runnable> done) {
        String name = body.get("name") instanceof JsonString text ? text.getString() : null;
        for (Iterator<Pending> it = savesRunning.iterator(); it.hasNext(); ) {
            Pending save = it.next();
            if (save.command.equals(command) && save.saveName != null && save.saveName.equals(name)) {
                it.remove();
                done.add(() -> save.replies.complete(List.of(save.saveStarted, message)));
                return true;
            }
        }
        return false;
    }

    /** Records an error reply of a quiet command among those at the front; false when none can have sent it. */
    private boolean quietError(String command, JsonObject body, JsonObject message, List<Runnable> done) {
        String token = tokenText(body.get("tkn"));
        List<Pending> senders = new ArrayList<>();
        for (Pending request : pending) {
            if (request.kind != Kind.QUIET) {
                break;
            }
            if (request.command.equals(command) && (token == null || token.equals(request.token))) {
                senders.add(request);
            }
        }
        if (senders.isEmpty()) {
            return false;
        }
        List<JsonObject> errors = quietErrors.computeIfAbsent(command + "|" + token, key -> new ArrayList<>());
        errors.add(message);
        if (errors.size() == senders.size()) {
            // every one of them failed: each gets the error in its place
            quietErrors.remove(command + "|" + token);
            pending.removeAll(senders);
            for (int i = 0; i < senders.size(); i++) {
                Pending sender = senders.get(i);
                JsonObject error = errors.get(i);
                done.add(() -> sender.replies.complete(List.of(error)));
            }
        }
        return true;
    }

    /** A reply to a later request: the quiet commands in front of it have all answered (most with silence). */
    private void settleQuietFront(List<Runnable> done) {
        while (!pending.isEmpty() && pending.peek().kind == Kind.QUIET) {
            Pending quiet = pending.poll();
            List<JsonObject> errors = errorsFor(quiet);
            if (errors == null) {
                done.add(() -> quiet.replies.complete(List.of()));
            } else {
                String note = errors.size() + " of the " + quiet.command + " sent together failed; the protocol does not tell which";
                JsonObject error = errors.getFirst();
                done.add(() -> quiet.replies.completeExceptionally(
                        NemesisStatusException.of(quiet.command, error.getJsonObject(quiet.command + "_RSP"), note)));
            }
        }
        quietErrors.clear();
    }

    private List<JsonObject> errorsFor(Pending quiet) {
        List<JsonObject> any = quietErrors.get(quiet.command + "|null");
        List<JsonObject> own = quiet.token == null ? null : quietErrors.get(quiet.command + "|" + quiet.token);
        if (any == null) {
            return own;
        }
        if (own == null) {
            return any;
        }
        List<JsonObject> both = new ArrayList<>(any);
        both.addAll(own);
        return both;
    }

    /** A token as decimal digits, or null for none or JSON null. */
    static String tokenText(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.bigIntegerValue().toString();
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        return null;
    }
}
