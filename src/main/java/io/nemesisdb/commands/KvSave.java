package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.SaveRunner;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.store.Store;
import jakarta.json.JsonObject;

/**
 * KV_SAVE (API.md 6): saves the whole key space as dataset {@code name}. The snapshot is taken
 * before the first reply; the {@link SaveRunner} writes it in the background and replies again.
 * Expensive: the snapshot copies every key.
 */
final class KvSave extends Command.Direct<KvSave.Request> {

    private static final CommandSpec SPEC = CommandSpec.command("KV_SAVE").modes(Mode.KV).expensive().params(DatasetName.PARAM).build();

    record Request(SaveName name) {
    }

    private final Store store;
    private final SaveRunner saves;

    KvSave(Store store, SaveRunner saves) {
        super(SPEC);
        this.store = store;
        this.saves = saves;
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(DatasetName.of(body));
    }

    @Override
    public void execute(CommandContext context, Request request) {
        saves.save(context, request.name(), store::snapshot);
    }
}
