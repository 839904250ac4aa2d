package io.nemesisdb.kv;

import static io.nemesisdb.command.CommandSpec.command;
import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.ARRAY;
import static io.nemesisdb.command.ParamType.OBJECT;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.nemesisdb.command.CommandCatalog;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Scope;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The KV data commands that store, read and remove whole keys, in both modes. Those whose work
 * grows with the number of keys stored (KV_KEYS, KV_CLEAR, KV_CLEAR_SET) are declared expensive.
 */
@ApplicationScoped
public class KvCommands implements CommandCatalog {

    @Inject
    KeySpaceResolver resolver;

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                keyCommand("KV_SET").writes().stores().params(required("keys", OBJECT).nonEmpty()).handler(resolver.on(KvCommands::set)),
                keyCommand("KV_SETQ").writes().quiet().stores().params(required("keys", OBJECT).nonEmpty()).handler(resolver.on(KvCommands::set)),
                keyCommand("KV_ADD").writes().stores().params(required("keys", OBJECT)).handler(resolver.on(KvCommands::add)),
                keyCommand("KV_ADDQ").writes().quiet().stores().params(required("keys", OBJECT).nonEmpty()).handler(resolver.on(KvCommands::add)),
                keyCommand("KV_GET").reads().params(required("keys", ARRAY)).handler(resolver.on(KvCommands::get)),
                keyCommand("KV_RMV").writes().params(required("keys", ARRAY).nonEmpty()).handler(resolver.on(KvCommands::remove)),
                keyCommand("KV_CLEAR").expensive().handler(resolver.on(KvCommands::clear)),
                keyCommand("KV_COUNT").reads().handler(resolver.on(KvCommands::count)),
                keyCommand("KV_CONTAINS").reads().params(required("keys", ARRAY)).handler(resolver.on(KvCommands::contains)),
                keyCommand("KV_KEYS").reads().expensive().handler(resolver.on(KvCommands::keys)),
                keyCommand("KV_CLEAR_SET").stores().expensive().params(required("keys", OBJECT)).handler(resolver.on(KvCommands::clearSet)));
    }

    /** Starts the declaration of a command that works on one key space, in both modes. */
    public static CommandSpec.Builder keyCommand(String name) {
        return command(name).scope(Scope.KEY_SPACE);
    }

    private static void set(CommandContext context, KeySpace keySpace) {
        keySpace.setAll(context.body().getJsonObject("keys"));
        context.ok();
    }

    private static void add(CommandContext context, KeySpace keySpace) {
        keySpace.addAbsent(context.body().getJsonObject("keys"));
        context.ok();
    }

    private static void get(CommandContext context, KeySpace keySpace) {
        List<String> keys = distinct(stringItems(context.body().getJsonArray("keys")));
        JsonValue[] values = keySpace.getAll(keys);
        Reply reply = context.reply(Status.OK).beginObject("keys");
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                reply.entry(first, keys.get(i), values[i]);
                first = false;
            }
        }
        context.send(reply.endObject());
    }

    private static void remove(CommandContext context, KeySpace keySpace) {
        keySpace.removeAll(stringItems(context.body().getJsonArray("keys")));
        context.ok();
    }

    private static void clear(CommandContext context, KeySpace keySpace) {
        context.send(context.reply(Status.OK).add("cnt", keySpace.clear()));
    }

    private static void count(CommandContext context, KeySpace keySpace) {
        context.send(context.reply(Status.OK).add("cnt", keySpace.count()));
    }

    private static void contains(CommandContext context, KeySpace keySpace) {
        List<String> keys = stringItems(context.body().getJsonArray("keys"));
        JsonValue[] values = keySpace.getAll(keys);
        Reply reply = context.reply(Status.OK).beginArray("contains");
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                reply.element(first, keys.get(i));
                first = false;
            }
        }
        context.send(reply.endArray());
    }

    private static void keys(CommandContext context, KeySpace keySpace) {
        Reply reply = context.reply(Status.OK).beginArray("keys");
        boolean first = true;
        for (String key : keySpace.keys()) {
            reply.element(first, key);
            first = false;
        }
        context.send(reply.endArray());
    }

    private static void clearSet(CommandContext context, KeySpace keySpace) {
        int removed = keySpace.replaceAll(context.body().getJsonObject("keys"));
        context.send(context.reply(Status.OK).add("cnt", removed));
    }

    /** The string items of {@code array}; other items are ignored, as the protocol says. */
    public static List<String> stringItems(JsonArray array) {
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (item instanceof JsonString string) {
                strings.add(string.getString());
            }
        }
        return strings;
    }

    private static List<String> distinct(List<String> keys) {
        if (keys.size() < 2) {
            return keys;
        }
        Set<String> seen = new HashSet<>();
        List<String> unique = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (seen.add(key)) {
                unique.add(key);
            }
        }
        return unique;
    }
}
