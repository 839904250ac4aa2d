package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;

/** KV_KEYS (API.md 3): every key, in the key space's order; expensive, as its work grows with the keys. */
final class KvKeys extends Command.OnKeySpace<Void> {

    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_KEYS").reads().expensive().build();

    KvKeys() {
        super(SPEC);
    }

    @Override
    public void execute(CommandContext context, Void request, KeySpaceOperations keySpace) {
        Reply reply = context.reply(Status.OK).beginArray("keys");
        boolean first = true;
        for (String key : keySpace.keys()) {
            reply.element(first, key);
            first = false;
        }
        context.send(reply.endArray());
    }
}
