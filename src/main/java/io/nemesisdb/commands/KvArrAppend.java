package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.optional;
import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.ARRAY;
import static io.nemesisdb.command.ParamType.STRING;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.kv.KeyRewrite;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Status;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * KV_ARR_APPEND (API.md 4): appends {@code items} to the array stored at {@code key}, or with
 * {@code name} to the array member {@code name} of the object stored at {@code key}. A target
 * that is absent or not an array is an error (41), never a silent success.
 */
final class KvArrAppend extends Command.OnKeySpace<KvArrAppend.Request> {

    // Json.createX looks the provider up through the service loader on every call
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Param KEY = required("key", STRING);
    private static final Param ITEMS = required("items", ARRAY);
    private static final Param NAME = optional("name", STRING);
    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_ARR_APPEND").writes().stores()
            .params(KEY, ITEMS, NAME).build();

    /** @param name the member to append to, or {@code null} to append to the value itself */
    record Request(String key, JsonArray items, String name) {
    }

    KvArrAppend() {
        super(SPEC);
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(body.getString(KEY.name()), body.getJsonArray(ITEMS.name()), body.getString(NAME.name(), null));
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        String key = request.key();
        JsonArray items = request.items();
        String name = request.name();
        KeyRewrite.Edit edit = keySpace.rewrite(key,
                current -> name == null ? appendToValue(current, items, key) : appendToMember(current, name, items, key));
        switch (edit) {
            case KeyRewrite.Edit.Replace replace -> context.ok();
            case KeyRewrite.Edit.Reject reject -> context.fail(reject.status(), reject.message());
        }
    }

    private static KeyRewrite.Edit appendToValue(JsonValue current, JsonArray items, String key) {
        if (!(current instanceof JsonArray array)) {
            return notAnArray("the value of '" + key + "' is not an array");
        }
        return new KeyRewrite.Edit.Replace(appended(array, items), items.size());
    }

    private static KeyRewrite.Edit appendToMember(JsonValue current, String name, JsonArray items, String key) {
        if (!(current instanceof JsonObject object)) {
            return notAnArray("the value of '" + key + "' is not an object, so it has no member '" + name + "'");
        }
        if (!(object.get(name) instanceof JsonArray array)) {
            return notAnArray(object.containsKey(name)
                    ? "member '" + name + "' of '" + key + "' is not an array"
                    : "the value of '" + key + "' has no member '" + name + "'");
        }
        JsonObject updated = JSON.createObjectBuilder(object).add(name, appended(array, items)).build();
        return new KeyRewrite.Edit.Replace(updated, items.size());
    }

    private static JsonArray appended(JsonArray array, JsonArray items) {
        JsonArrayBuilder builder = JSON.createArrayBuilder(array);
        for (JsonValue item : items) {
            builder.add(item);
        }
        return builder.build();
    }

    private static KeyRewrite.Edit notAnArray(String message) {
        return new KeyRewrite.Edit.Reject(Status.VALUE_TYPE_INVALID, message);
    }
}
