package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Status;

/** KV_COUNT (API.md 3): how many keys the key space holds. */
final class KvCount extends Command.OnKeySpace<Void> {

    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_COUNT").reads().build();

    KvCount() {
        super(SPEC);
    }

    @Override
    public void execute(CommandContext context, Void request, KeySpaceOperations keySpace) {
        context.send(context.reply(Status.OK).add("cnt", keySpace.count()));
    }
}
