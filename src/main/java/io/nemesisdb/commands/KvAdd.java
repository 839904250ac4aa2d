package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.OBJECT;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.kv.KeySpaceOperations;
import jakarta.json.JsonObject;

/**
 * KV_ADD and its quiet twin KV_ADDQ (API.md 3): stores the members of {@code keys} whose key does
 * not exist yet. KV_ADD accepts an empty {@code keys}, as 0.6.4 does; KV_ADDQ does not.
 */
final class KvAdd extends Command.OnKeySpace<KvAdd.Request> {

    private static final Param KEYS = required("keys", OBJECT);

    record Request(JsonObject keys) {
    }

    private KvAdd(String name, boolean quiet, Param keys) {
        super(CommandSpec.keySpaceCommand(name).writes().quiet(quiet).stores().params(keys).build());
    }

    static KvAdd replying() {
        return new KvAdd("KV_ADD", false, KEYS);
    }

    static KvAdd quiet() {
        return new KvAdd("KV_ADDQ", true, KEYS.nonEmpty());
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(body.getJsonObject(KEYS.name()));
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        keySpace.addAbsent(request.keys());
        context.ok();
    }
}
