package io.nemesisdb.command;

import java.util.List;

/** The CDI bean that lists every command the server knows; the {@link CommandRegistry} indexes it. */
public interface CommandTable {

    List<Command<?>> commands();
}
