package io.nemesisdb.kv;

import static io.nemesisdb.command.Param.optional;
import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Violation;
import io.nemesisdb.jsonpath.BudgetExceededException;
import io.nemesisdb.jsonpath.EvaluationBudget;
import io.nemesisdb.jsonpath.JsonPath;
import io.nemesisdb.jsonpath.JsonPathEvaluationException;
import io.nemesisdb.jsonpath.JsonPathSyntaxException;
import io.nemesisdb.jsonpath.Replacement;
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
final class KvUpdate {

    private KvUpdate() {
    }

    static CommandSpec declare(KeySpaceResolver resolver) {
        return KvCommands.keyCommand("KV_UPDATE").writes().stores()
                .expensiveWhen(body -> body.containsKey("path"))
                .params(required("key", STRING), optional("path", STRING))
                .checks(KvUpdate::checkForm)
                .handler(resolver.on(KvUpdate::execute));
    }

    /** One form or the other, complete (API.md 4.1): checked with the parameters, before the token. */
    private static Violation checkForm(JsonObject body) {
        boolean pathForm = body.containsKey("path");
        boolean pointerForm = !pointerMembers(body).isEmpty();
        if (!pathForm && !pointerForm) {
            return new Violation(Status.PARAM_MISSING, "give JSON Pointer members (\"/name\":value) or \"path\" and \"value\"");
        }
        if (pathForm && !body.containsKey("value")) {
            return new Violation(Status.PARAM_MISSING, "missing parameter 'value'");
        }
        if (pathForm && pointerForm) {
            return new Violation(Status.VALUE_TYPE_INVALID, "give either JSON Pointer members or \"path\", not both");
        }
        return null;
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

    private static void execute(CommandContext context, KeySpace keySpace) {
        JsonObject body = context.body();
        String key = body.getString("key");
        if (body.containsKey("path")) {
            updateByPath(context, keySpace, key, body.getString("path"), body.get("value"));
        } else {
            updateByPointers(context, keySpace, key, pointerMembers(body));
        }
    }

    private static void updateByPointers(CommandContext context, KeySpace keySpace, String key,
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
        reply(context, key, KeyRewrite.apply(keySpace, key, current -> {
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

    private static void updateByPath(CommandContext context, KeySpace keySpace, String key, String pathText,
                                     JsonValue replacement) {
        JsonPath path;
        try {
            path = JsonPath.compile(pathText);
        } catch (JsonPathSyntaxException e) {
            reply(context, key, new KeyRewrite.Edit.Reject(Status.PATH_INVALID, "invalid JSONPath: " + e.getMessage()));
            return;
        }
        EvaluationBudget budget = context.evaluationBudget();
        reply(context, key, KeyRewrite.apply(keySpace, key, current -> {
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
