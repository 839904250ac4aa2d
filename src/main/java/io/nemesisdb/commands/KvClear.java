package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Status;

/** KV_CLEAR (API.md 3): removes every key and replies how many there were; expensive, as its work grows with the keys. */
final class KvClear extends Command.OnKeySpace<Void> {

    private static final CommandSpec SPEC = CommandSpec.keySpaceCommand("KV_CLEAR").expensive().build();

    KvClear() {
        super(SPEC);
    }

    @Override
    public void execute(CommandContext context, Void request, KeySpaceOperations keySpace) {
        context.send(context.reply(Status.OK).add("cnt", keySpace.clear()));
    }
}
