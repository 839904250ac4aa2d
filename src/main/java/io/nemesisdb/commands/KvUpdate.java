package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.optional;
import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import io.nemesisdb.jsonpath.Replacement;
import io.nemesisdb.kv.KeyRewrite;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.kv.PointerUpdate;
import io.nemesisdb.protocol.Status;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * KV_UPDATE (API.md 4.1): replaces values inside one key's value, either at RFC 6901 JSON
 * Pointers given as members ({@code "/avatar":"img2.png"}, applied in order, all or none) or at
 * every node an RFC 9535 JSONPath selects ({@code "path"} + {@code "value"}). The JSONPath form
 * is an expensive command: it runs on the {@link io.nemesisdb.command.ExpensiveCommands} threads
 * within the request's evaluation budget (17 when it is spent, and nothing changes).
 */
final class KvUpdate extends Command.OnKeySpace<KvUpdate.Request> {

    private static final Param KEY = required("key", STRING);
    private static final Param PATH = optional("path", STRING);
    /** The replacement of the JSONPath form: any JSON value, so not a typed parameter. */
    private static final String VALUE = "value";
    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_UPDATE").writes().stores()
            .params(KEY, PATH).build();

    /**
     * One of the two forms: {@code path} and {@code value}, or the pointer members.
     *
     * @param path the JSONPath, or {@code null} for the pointer form
     */
    record Request(String key, String path, JsonValue value, List<Map.Entry<String, JsonValue>> pointerMembers) {
    }

    KvUpdate() {
        super(SPEC);
    }

    /** One form or the other, complete (API.md 4.1): checked with the parameters, before the token. */
    @Override
    public Request parse(JsonObject body) {
        boolean pathForm = body.containsKey(PATH.name());
        List<Map.Entry<String, JsonValue>> pointerMembers = pointerMembers(body);
        boolean pointerForm = !pointerMembers.isEmpty();
        if (!pathForm && !pointerForm) {
            throw new Violation(Status.PARAM_MISSING, "give JSON Pointer members (\"/name\":value) or \"path\" and \"value\"");
        }
        if (pathForm && !body.containsKey(VALUE)) {
            throw new Violation(Status.PARAM_MISSING, "missing parameter 'value'");
        }
        if (pathForm && pointerForm) {
            throw new Violation(Status.VALUE_TYPE_INVALID, "give either JSON Pointer members or \"path\", not both");
        }
        String key = body.getString(KEY.name());
        return pathForm ? new Request(key, body.getString(PATH.name()), body.get(VALUE), List.of())
                : new Request(key, null, null, pointerMembers);
    }

    /** The JSONPath form is expensive: it may visit every node of a large value. */
    @Override
    public boolean isExpensive(Request request) {
        return request.path() != null;
    }

    private static List<Map.Entry<String, JsonValue>> pointerMembers(JsonObject body) {
        List<Map.Entry<String, JsonValue>> pointerMembers = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : body.entrySet()) {
            if (PointerUpdate.isPointer(member.getKey())) {
                pointerMembers.add(member);
            }
        }
        return pointerMembers;
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        if (request.path() != null) {
            updateByPath(context, keySpace, request.key(), request.path(), request.value());
        } else {
            updateByPointers(context, keySpace, request.key(), request.pointerMembers());
        }
    }

    private static void updateByPointers(CommandContext context, KeySpaceOperations keySpace, String key,
                                         List<Map.Entry<String, JsonValue>> members) {
        List<PointerUpdate> updates = new ArrayList<>(members.size());
        for (Map.Entry<String, JsonValue> member : members) {
            PointerUpdate update = PointerUpdate.parse(member.getKey(), member.getValue());
            if (update == null) {
                reply(context, key, new KeyRewrite.Edit.Reject(Status.PATH_INVALID,
                        "'" + member.getKey() + "' is not a valid JSON Pointer"));
                return;
            }
            updates.add(update);
        }
        reply(context, key, keySpace.rewrite(key, current -> {
            JsonValue value = current;
            for (PointerUpdate update : updates) {
                value = update.applyTo(value);
                if (value == null) {
                    return update.notFound();
                }
            }
            return new KeyRewrite.Edit.Replace(value, updates.size());
        }));
    }

    private static void updateByPath(CommandContext context, KeySpaceOperations keySpace, String key, String pathText,
                                     JsonValue replacement) {
        JsonPath path;
        try {
            path = JsonPath.compile(pathText);
        } catch (JsonPathSyntaxException e) {
            reply(context, key, new KeyRewrite.Edit.Reject(Status.PATH_INVALID, "invalid JSONPath: " + e.getMessage()));
            return;
        }
        EvaluationBudget budget = context.evaluationBudget();
        reply(context, key, keySpace.rewrite(key, current -> {
            try {
                Replacement result = path.replaceAll(current, replacement, budget);
                return new KeyRewrite.Edit.Replace(result.root(), result.count());
            } catch (BudgetExceededException e) {
                return new KeyRewrite.Edit.Reject(Status.BUDGET_EXCEEDED, e.getMessage());
            } catch (JsonPathEvaluationException e) {
                return new KeyRewrite.Edit.Reject(Status.PATH_INVALID, "JSONPath evaluation stopped: " + e.getMessage());
            }
        }));
    }

    /** Every reply after parameter validation has the same shape: status, key, count. */
    private static void reply(CommandContext context, String key, KeyRewrite.Edit edit) {
        switch (edit) {
            case KeyRewrite.Edit.Replace replace ->
                    context.send(context.reply(Status.OK).add("key", key).add("cnt", replace.count()));
            case KeyRewrite.Edit.Reject reject ->
                    context.send(context.reply(reject.status()).add("key", key).add("cnt", 0).add("m", reject.message()));
        }
    }
}
