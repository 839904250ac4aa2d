package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.OBJECT;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Status;
import jakarta.json.JsonObject;

/**
 * KV_CLEAR_SET (API.md 3): replaces the whole content with {@code keys} in one step and replies how
 * many keys were removed; expensive, as its work grows with the keys.
 */
final class KvClearSet extends Command.OnKeySpace<KvClearSet.Request> {

    private static final Param KEYS = required("keys", OBJECT);
    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_CLEAR_SET").stores().expensive().params(KEYS).build();

    record Request(JsonObject keys) {
    }

    KvClearSet() {
        super(SPEC);
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(body.getJsonObject(KEYS.name()));
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        int removed = keySpace.replaceAll(request.keys());
        context.send(context.reply(Status.OK).add("cnt", removed));
    }
}
