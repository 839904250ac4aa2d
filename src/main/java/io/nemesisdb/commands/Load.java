package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.store.DatasetLoader;
import jakarta.json.JsonObject;

/**
 * KV_LOAD and SH_LOAD (API.md 6): loads dataset {@code name} into the store, all of it or, when it
 * cannot be read whole, nothing. KV_LOAD overwrites keys of the same name, keeps the others and
 * replies how many keys the dataset held and how long it took; SH_LOAD leaves sessions whose token
 * exists as they are and replies how many sessions and keys it restored. Expensive: a load reads
 * the whole dataset.
 */
final class Load extends Command.Direct<Load.Request> {

    record Request(SaveName name) {
    }

    private final DatasetLoader loader;
    private final DatasetLoader.CompleteReply complete;

    private Load(String name, Mode mode, DatasetLoader loader, DatasetLoader.CompleteReply complete) {
        super(CommandSpec.command(name).modes(mode).stores().expensive().params(DatasetName.PARAM).build());
        this.loader = loader;
        this.complete = complete;
    }

    static Load kv(DatasetLoader loader) {
        return new Load("KV_LOAD", Mode.KV, loader,
                (reply, restored, millis) -> reply.add("keys", restored.keys()).add("duration", millis));
    }

    static Load sessions(DatasetLoader loader) {
        return new Load("SH_LOAD", Mode.SESSIONS, loader,
                (reply, restored, millis) -> reply.add("sessions", restored.sessions()).add("keys", restored.keys()));
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(DatasetName.of(body));
    }

    @Override
    public void execute(CommandContext context, Request request) {
        loader.loadForCommand(context, request.name(), complete);
    }
}
