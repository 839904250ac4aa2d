package io.nemesisdb.kv;

import java.util.List;

import io.nemesisdb.command.CommandCatalog;
import io.nemesisdb.command.CommandSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The KV commands that work inside stored values: KV_UPDATE, KV_FIND, KV_ARR_APPEND, in both modes. */
@ApplicationScoped
public class InValueCommands implements CommandCatalog {

    @Inject
    KeySpaceResolver resolver;

    @Override
    public List<CommandSpec> commands() {
        return List.of(KvUpdate.declare(resolver), KvFind.declare(resolver), KvArrAppend.declare(resolver));
    }
}
