package io.nemesisdb.command;

import java.util.List;

/**
 * A CDI bean that declares a family of commands. The registry collects every catalog, so a new
 * command is added by declaring it in one.
 */
public interface CommandCatalog {

    List<CommandSpec> commands();
}
