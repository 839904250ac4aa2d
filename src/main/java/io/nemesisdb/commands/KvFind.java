package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.optional;
import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.ARRAY;
import static io.nemesisdb.command.ParamType.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.command.Violation;
import io.nemesisdb.jsonpath.BudgetExceededException;
import io.nemesisdb.jsonpath.EvaluationBudget;
import io.nemesisdb.jsonpath.JsonPath;
import io.nemesisdb.jsonpath.JsonPathEvaluationException;
import io.nemesisdb.jsonpath.JsonPathSyntaxException;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * KV_FIND (API.md 4.2): evaluates an RFC 9535 JSONPath with each key's value as the root and
 * replies the matching keys, the normalized paths of every selected node, or the matching keys
 * with their values. Queries run on a consistent snapshot of the key space taken under its read
 * lock, and the lock is released before any query runs, so a slow query never holds up writers.
 * It is an expensive command: it runs on the {@link io.nemesisdb.command.ExpensiveCommands}
 * threads, and all its evaluations share the request's budget (17 when it is spent).
 */
final class KvFind extends Command.OnKeySpace<KvFind.Request> {

    /** What the reply lists, as named by {@code rsp} (its name in lower case). */
    private enum Answer {
        KEYS, PATHS, KV;

        /** The answer {@code rsp} names, or {@code null}. */
        static Answer named(String rsp) {
            for (Answer answer : values()) {
                if (answer.name().toLowerCase(Locale.ROOT).equals(rsp)) {
                    return answer;
                }
            }
            return null;
        }
    }

    /** The keys searched and their values, index for index. */
    private record Snapshot(List<String> keys, List<JsonValue> values) {
    }

    private static final Param PATH = required("path", STRING).nonEmpty();
    private static final Param RSP = required("rsp", STRING).checked(KvFind::checkRsp);
    private static final Param KEYS = optional("keys", ARRAY);
    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_FIND").reads().expensive()
            .params(PATH, RSP, KEYS).build();

    /**
     * @param path the JSONPath's text, compiled when the command runs (off the event loop)
     * @param keys the keys to search, or {@code null} for every key
     */
    record Request(String path, Answer answer, JsonArray keys) {
    }

    KvFind() {
        super(SPEC);
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(body.getString(PATH.name()), Answer.named(body.getString(RSP.name())), body.getJsonArray(KEYS.name()));
    }

    /** An {@code rsp} that names no answer is 13 (API.md 4.2). */
    private static Violation checkRsp(JsonValue rsp) {
        return Answer.named(((JsonString) rsp).getString()) != null ? null
                : new Violation(Status.COMMAND_SYNTAX, "rsp must be one of \"keys\", \"paths\", \"kv\"");
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        Answer answer = request.answer();
        JsonPath path;
        try {
            path = JsonPath.compile(request.path());
        } catch (JsonPathSyntaxException e) {
            context.fail(Status.PATH_INVALID, "invalid JSONPath: " + e.getMessage());
            return;
        }
        Snapshot snapshot = snapshot(keySpace, request.keys());
        EvaluationBudget budget = context.evaluationBudget();
        try {
            context.send(switch (answer) {
                case KEYS -> matchingKeys(context, path, snapshot, budget);
                case PATHS -> selectedPaths(context, path, snapshot, budget);
                case KV -> matchingValues(context, path, snapshot, budget);
            });
        } catch (BudgetExceededException e) {
            context.fail(Status.BUDGET_EXCEEDED, e.getMessage());
        } catch (JsonPathEvaluationException e) {
            context.fail(Status.PATH_INVALID, "JSONPath evaluation stopped: " + e.getMessage());
        }
    }

    private static Reply matchingKeys(CommandContext context, JsonPath path, Snapshot snapshot, EvaluationBudget budget) {
        Reply reply = context.reply(Status.OK).beginArray("keys");
        boolean first = true;
        for (int i = 0; i < snapshot.keys().size(); i++) {
            if (path.matches(snapshot.values().get(i), budget)) {
                reply.element(first, snapshot.keys().get(i));
                first = false;
            }
        }
        return reply.endArray();
    }

    private static Reply selectedPaths(CommandContext context, JsonPath path, Snapshot snapshot, EvaluationBudget budget) {
        Reply reply = context.reply(Status.OK).beginArray("paths");
        boolean first = true;
        for (JsonValue value : snapshot.values()) {
            for (String normalizedPath : path.normalizedPaths(value, budget)) {
                reply.element(first, normalizedPath);
                first = false;
            }
        }
        return reply.endArray();
    }

    private static Reply matchingValues(CommandContext context, JsonPath path, Snapshot snapshot, EvaluationBudget budget) {
        Reply reply = context.reply(Status.OK).beginObject("keys");
        boolean first = true;
        for (int i = 0; i < snapshot.keys().size(); i++) {
            if (path.matches(snapshot.values().get(i), budget)) {
                reply.entry(first, snapshot.keys().get(i), snapshot.values().get(i));
                first = false;
            }
        }
        return reply.endObject();
    }

    /** The requested keys that exist (each once), or every key when none are requested. */
    private static Snapshot snapshot(KeySpaceOperations keySpace, JsonArray requested) {
        if (requested != null && !requested.isEmpty()) {
            List<String> keys = KeyNames.distinct(requested);
            JsonValue[] values = keySpace.getAll(keys);
            Snapshot present = new Snapshot(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    present.keys().add(keys.get(i));
                    present.values().add(values[i]);
                }
            }
            return present;
        }
        return keySpace.read(map -> {
            Snapshot all = new Snapshot(new ArrayList<>(map.size()), new ArrayList<>(map.size()));
            map.forEach((key, value) -> {
                all.keys().add(key);
                all.values().add(value);
            });
            return all;
        });
    }
}
