package io.nemesisdb.persist;

import static io.nemesisdb.command.CommandSpec.command;
import static io.nemesisdb.command.Param.optional;
import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.ARRAY;
import static io.nemesisdb.command.ParamType.STRING;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.nemesisdb.command.CommandCatalog;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.command.Violation;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.protocol.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The persistence commands: {@code KV_SAVE} and {@code KV_LOAD} in KV mode, {@code SH_SAVE} and
 * {@code SH_LOAD} in sessions mode. All four are expensive commands: a load reads the whole
 * dataset and a save copies every key before replying. Saves reply twice, or once
 * ({@code nemesis.persist.save-replies}).
 */
@ApplicationScoped
public class PersistCommands implements CommandCatalog {

    private static final Logger LOG = Logger.getLogger(PersistCommands.class.getName());

    @Inject
    ServerSettings settings;

    @Inject
    KvDatasets kv;

    @Inject
    Instance<SessionDatasets> sessions;

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                command("KV_SAVE").modes(Mode.KV).expensive().params(name()).handler(kv::save),
                command("KV_LOAD").modes(Mode.KV).stores().expensive().params(name()).handler(this::loadKv),
                command("SH_SAVE").modes(Mode.SESSIONS).expensive()
                        .params(name(), optional("tkns", ARRAY).nonEmpty().checked(PersistCommands::checkTokens))
                        .handler(context -> sessions.get().save(context)),
                command("SH_LOAD").modes(Mode.SESSIONS).stores().expensive().params(name()).handler(this::loadSessions));
    }

    /** The dataset name of every persistence command: empty is 42, anything else outside {@link SaveName}'s rule 41. */
    private static Param name() {
        return required("name", STRING).checked(name -> {
            Status problem = SaveName.problem(((JsonString) name).getString());
            return problem == null ? null : new Violation(problem, SaveName.rule());
        });
    }

    /** Every item of {@code SH_SAVE}'s {@code tkns} is a well-formed token, number or decimal string (41). */
    private static Violation checkTokens(JsonValue tkns) {
        for (JsonValue item : (JsonArray) tkns) {
            if (Token.parse(item) == null) {
                return new Violation(Status.VALUE_TYPE_INVALID, "every item of 'tkns' must be a token (unsigned 64-bit integer)");
            }
        }
        return null;
    }

    /** The request's {@code name}, valid since the parameters were checked. */
    static SaveName nameOf(CommandContext context) {
        return new SaveName(context.body().getString("name"));
    }

    private void loadKv(CommandContext context) {
        SaveName name = nameOf(context);
        long started = System.nanoTime();
        try {
            long keys = kv.load(settings.persistPath(), name, settings.maxDepth());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.info(() -> "loaded '" + name + "': " + keys + " keys in " + millis + " ms");
            context.send(context.reply(Status.LOAD_COMPLETE).add("name", name.value()).add("keys", keys).add("duration", millis));
        } catch (DatasetException e) {
            loadFailed(context, name, e);
        }
    }

    private void loadSessions(CommandContext context) {
        SaveName name = nameOf(context);
        long started = System.nanoTime();
        try {
            SessionDatasets.Restored restored = sessions.get().load(settings.persistPath(), name, settings.maxDepth());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.info(() -> "loaded '" + name + "': " + restored.sessions() + " sessions, " + restored.keys() + " keys in " + millis + " ms");
            context.send(context.reply(Status.LOAD_COMPLETE).add("name", name.value())
                    .add("sessions", restored.sessions()).add("keys", restored.keys()));
        } catch (DatasetException e) {
            loadFailed(context, name, e);
        }
    }

    static void loadFailed(CommandContext context, SaveName name, DatasetException e) {
        LOG.warning("load of '" + name + "' failed, nothing was loaded: " + e.getMessage());
        context.send(context.reply(Status.LOAD_ERROR).add("name", name.value()).add("m", e.getMessage()));
    }
}
