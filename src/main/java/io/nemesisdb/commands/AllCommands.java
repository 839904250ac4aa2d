package io.nemesisdb.commands;

import java.util.List;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandTable;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.persist.SaveRunner;
import io.nemesisdb.session.Sessions;
import io.nemesisdb.store.DatasetLoader;
import io.nemesisdb.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every command the server knows, one row each, in the order of the protocol reference. Each class
 * holds one command's declaration (modes, scope, access, flags, parameters), its request record
 * and its execution; a quiet twin shares the class of its loud one, and so do the loads of the two
 * modes. Adding a command: write its
 * class and add its row here.
 */
@ApplicationScoped
public class AllCommands implements CommandTable {

    @Inject
    ServerSettings settings;

    @Inject
    Store store;

    @Inject
    Sessions sessions;

    @Inject
    SaveRunner saves;

    @Inject
    DatasetLoader loader;

    @Override
    public List<Command<?>> commands() {
        return List.of(
                // whole keys, on one key space: KV mode's only one, or the session of tkn
                KvSet.replying(),           // KV_SET
                KvSet.quiet(),              // KV_SETQ
                KvAdd.replying(),           // KV_ADD
                KvAdd.quiet(),              // KV_ADDQ
                new KvGet(),                // KV_GET
                new KvRmv(),                // KV_RMV
                new KvClear(),              // KV_CLEAR
                new KvCount(),              // KV_COUNT
                new KvContains(),           // KV_CONTAINS
                new KvKeys(),               // KV_KEYS
                new KvClearSet(),           // KV_CLEAR_SET
                // inside stored values
                new KvUpdate(),             // KV_UPDATE
                new KvFind(),               // KV_FIND
                new KvArrAppend(),          // KV_ARR_APPEND
                // sessions (sessions mode)
                new ShNew(sessions),        // SH_NEW
                new ShEnd(sessions),        // SH_END
                new ShOpen(sessions),       // SH_OPEN
                new ShInfo(sessions),       // SH_INFO
                new ShInfoAll(sessions),    // SH_INFO_ALL
                new ShExists(sessions),     // SH_EXISTS
                new ShEndAll(sessions),     // SH_END_ALL
                // datasets
                new KvSave(store, saves),   // KV_SAVE
                Load.kv(loader),            // KV_LOAD
                new ShSave(store, saves),   // SH_SAVE
                Load.sessions(loader),      // SH_LOAD
                // the server
                new SvInfo(settings));      // SV_INFO
    }
}
