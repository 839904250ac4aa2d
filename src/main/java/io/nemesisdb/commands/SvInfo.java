package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.ops.ServerInfo;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;

/**
 * SV_INFO (added by NemesisDB 0.6.6, both modes): the server's version, its mode and whether it
 * saves, which a client reads to know which commands it may send. It only reads settings, so
 * every role may run it.
 */
final class SvInfo extends Command.Direct<Void> {

    private static final CommandSpec SPEC = CommandSpec.command("SV_INFO").reads().build();

    private final ServerSettings settings;

    SvInfo(ServerSettings settings) {
        super(SPEC);
        this.settings = settings;
    }

    @Override
    public void execute(CommandContext context, Void request) {
        context.send(context.reply(Status.OK)
                .add("serverVersion", ServerInfo.version())
                .add("sessionsEnabled", settings.mode() == Mode.SESSIONS)
                .add("persistEnabled", settings.persistEnabled()));
    }
}
