package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.optional;
import static io.nemesisdb.command.ParamType.ARRAY;

import java.util.ArrayList;
import java.util.List;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.command.Violation;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.SaveRunner;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.protocol.Token;
import io.nemesisdb.store.Store;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * SH_SAVE (API.md 6): saves every session, or those of {@code tkns} (unknown tokens skipped), as
 * dataset {@code name}; replies as {@link KvSave} does. Expensive: the snapshot copies every key.
 */
final class ShSave extends Command.Direct<ShSave.Request> {

    private static final Param TKNS = optional("tkns", ARRAY).nonEmpty().checked(ShSave::checkTokens);
    private static final CommandSpec SPEC = CommandSpec.command("SH_SAVE").modes(Mode.SESSIONS).expensive()
            .params(DatasetName.PARAM, TKNS).build();

    /** @param tokens the sessions to save, or {@code null} for all */
    record Request(SaveName name, List<Long> tokens) {
    }

    private final Store store;
    private final SaveRunner saves;

    ShSave(Store store, SaveRunner saves) {
        super(SPEC);
        this.store = store;
        this.saves = saves;
    }

    /** Every item of {@code tkns} is a well-formed token, number or decimal string (41). */
    private static Violation checkTokens(JsonValue tkns) {
        for (JsonValue item : (JsonArray) tkns) {
            if (Token.parse(item) == null) {
                return new Violation(Status.VALUE_TYPE_INVALID, "every item of 'tkns' must be a token (unsigned 64-bit integer)");
            }
        }
        return null;
    }

    @Override
    public Request parse(JsonObject body) {
        JsonArray items = body.getJsonArray(TKNS.name());
        List<Long> tokens = null;
        if (items != null) {
            tokens = new ArrayList<>(items.size());
            for (JsonValue item : items) {
                tokens.add(Token.parse(item));
            }
        }
        return new Request(DatasetName.of(body), tokens);
    }

    @Override
    public void execute(CommandContext context, Request request) {
        List<Long> tokens = request.tokens();
        saves.save(context, request.name(), tokens == null ? store::snapshot : () -> store.snapshot(tokens));
    }
}
