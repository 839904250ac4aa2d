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

/** KV_GET (API.md 3): the values of the listed keys that exist, each key once, in the order asked. */
final class KvGet extends Command.OnKeySpace<KvGet.Request> {

    private static final Param KEYS = required("keys", ARRAY);
    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_GET").reads().params(KEYS).build();

    record Request(List<String> keys) {
    }

    KvGet() {
        super(SPEC);
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(KeyNames.distinct(body.getJsonArray(KEYS.name())));
    }

    @Override
    public void execute(CommandContext context, Request request, KeySpaceOperations keySpace) {
        List<String> keys = request.keys();
        JsonValue[] values = keySpace.getAll(keys);
        Reply reply = context.reply(Status.OK).beginObject("keys");
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                reply.entry(first, keys.get(i), values[i]);
                first = false;
            }
        }
        context.send(reply.endObject());
    }
}
