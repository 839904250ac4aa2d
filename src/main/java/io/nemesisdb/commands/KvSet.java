package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.OBJECT;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.kv.KeySpaceOperations;
import jakarta.json.JsonObject;

/** KV_SET and its quiet twin KV_SETQ (API.md 3): stores every member of {@code keys}, overwriting. */
final class KvSet extends Command.OnKeySpace<KvSet.Request> {

    private static final Param KEYS = required("keys", OBJECT).nonEmpty();

    record Request(JsonObject keys) {
    }

    private KvSet(String name, boolean quiet) {
        super(CommandSpec.keySpaceCommand(name).writes().quiet(quiet).stores().params(KEYS).build());
    }

    static KvSet replying() {
        return new KvSet("KV_SET", false);
    }

    static KvSet quiet() {
        return new KvSet("KV_SETQ", true);
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(body.getJsonObject(KEYS.name()));
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        keySpace.setAll(request.keys());
        context.ok();
    }
}
