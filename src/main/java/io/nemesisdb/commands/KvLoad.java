package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.store.DatasetLoader;
import jakarta.json.JsonObject;

/**
 * KV_LOAD (API.md 6): loads dataset {@code name} into the key space (keys of the same name are
 * overwritten, others kept) and replies how many keys it held and how long it took. Expensive: it
 * reads the whole dataset.
 */
final class KvLoad implements Command.Direct<KvLoad.Request> {

    private static final CommandSpec SPEC = CommandSpec.command("KV_LOAD").modes(Mode.KV).stores().expensive()
            .params(DatasetName.PARAM).build();

    record Request(SaveName name) {
    }

    private final DatasetLoader loader;

    KvLoad(DatasetLoader loader) {
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
                (reply, restored, millis) -> reply.add("keys", restored.keys()).add("duration", millis));
    }
}
