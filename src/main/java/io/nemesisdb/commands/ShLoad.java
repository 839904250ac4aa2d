package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.store.DatasetLoader;
import jakarta.json.JsonObject;

/**
 * SH_LOAD (API.md 6): restores the sessions of dataset {@code name} (sessions whose token exists
 * are left as they are) and replies how many sessions and keys it restored. Expensive: it reads the
 * whole dataset.
 */
final class ShLoad implements Command.Direct<ShLoad.Request> {

    private static final CommandSpec SPEC = CommandSpec.command("SH_LOAD").modes(Mode.SESSIONS).stores().expensive()
            .params(DatasetName.PARAM).build();

    record Request(SaveName name) {
    }

    private final DatasetLoader loader;

    ShLoad(DatasetLoader loader) {
        this.loader = loader;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(DatasetName.of(body));
    }

    @Override
    public void execute(CommandContext context, Request request) {
        loader.loadForCommand(context, request.name(),
                (reply, restored, millis) -> reply.add("sessions", restored.sessions()).add("keys", restored.keys()));
    }
}
