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
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

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
                command("KV_SAVE").modes(Mode.KV).expensive().params(required("name", STRING)).handler(kv::save),
                command("KV_LOAD").modes(Mode.KV).stores().expensive().params(required("name", STRING)).handler(this::loadKv),
                command("SH_SAVE").modes(Mode.SESSIONS).expensive().params(required("name", STRING), optional("tkns", ARRAY).nonEmpty())
                        .handler(context -> sessions.get().save(context)),
                command("SH_LOAD").modes(Mode.SESSIONS).stores().expensive().params(required("name", STRING)).handler(this::loadSessions));
    }

    private void loadKv(CommandContext context) {
        SaveName name = validName(context);
        if (name == null) {
            return;
        }
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
        SaveName name = validName(context);
        if (name == null) {
            return;
        }
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

    /** The request's valid {@code name}, or {@code null} after replying 42 or 41. */
    static SaveName validName(CommandContext context) {
        String raw = context.body().getString("name");
        Status problem = SaveName.problem(raw);
        if (problem != null) {
            context.fail(problem, SaveName.rule());
            return null;
        }
        return new SaveName(raw);
    }

    static void loadFailed(CommandContext context, SaveName name, DatasetException e) {
        LOG.warning("load of '" + name + "' failed, nothing was loaded: " + e.getMessage());
        context.send(context.reply(Status.LOAD_ERROR).add("name", name.value()).add("m", e.getMessage()));
    }
}
