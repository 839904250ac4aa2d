package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.ARRAY;

import java.util.List;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.kv.KeySpaceOperations;
import jakarta.json.JsonObject;

/** KV_RMV (API.md 3): removes the listed keys; keys that do not exist are no error. */
final class KvRmv extends Command.OnKeySpace<KvRmv.Request> {

    private static final Param KEYS = required("keys", ARRAY).nonEmpty();
    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_RMV").writes().params(KEYS).build();

    record Request(List<String> keys) {
    }

    KvRmv() {
        super(SPEC);
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(KeyNames.of(body.getJsonArray(KEYS.name())));
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        keySpace.removeAll(request.keys());
        context.ok();
    }
}
