package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.ARRAY;

import java.util.List;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** KV_CONTAINS (API.md 3): which of the listed keys exist, in the order asked (a key listed twice, twice). */
final class KvContains extends Command.OnKeySpace<KvContains.Request> {

    private static final Param KEYS = required("keys", ARRAY);
    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_CONTAINS").reads().params(KEYS).build();

    record Request(List<String> keys) {
    }

    KvContains() {
        super(SPEC);
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(KeyNames.of(body.getJsonArray(KEYS.name())));
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        List<String> keys = request.keys();
        JsonValue[] values = keySpace.getAll(keys);
        Reply reply = context.reply(Status.OK).beginArray("contains");
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                reply.element(first, keys.get(i));
                first = false;
            }
        }
        context.send(reply.endArray());
    }
}
