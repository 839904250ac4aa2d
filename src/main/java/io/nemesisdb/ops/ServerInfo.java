package io.nemesisdb.ops;

import static io.nemesisdb.command.CommandSpec.command;

import java.util.List;

import io.nemesisdb.command.CommandCatalog;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code SV_INFO} (added by NemesisDB 0.6.6, both modes): the server's version, its mode and
 * whether it saves, which a client reads to know which commands it may send. It only reads
 * settings, so every role may run it.
 */
@ApplicationScoped
public class ServerInfo implements CommandCatalog {

    @Inject
    ServerSettings settings;

    @Override
    public List<CommandSpec> commands() {
        return List.of(command("SV_INFO").reads().handler(this::info));
    }

    /** This server's version, from the jar's manifest ({@code dev} when run from classes). */
    public static String version() {
        String version = ServerInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private void info(CommandContext context) {
        context.send(context.reply(Status.OK)
                .add("serverVersion", version())
                .add("sessionsEnabled", settings.mode() == Mode.SESSIONS)
                .add("persistEnabled", settings.persistEnabled()));
    }
}
