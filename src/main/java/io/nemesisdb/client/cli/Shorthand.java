package io.nemesisdb.client.cli;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.Arrays;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The command-line client's shorthands, each turned into the JSON request it stands for. After
 * {@code new}, {@code shared} or {@code open} (or {@code use TOKEN}) the key-value shorthands work in
 * that session: they carry its token.
 */
final class Shorthand {

    static final String HELP = """
            Any JSON request works as it is: {"KV_GET":{"keys":["user"]}}
            Shorthands (a VALUE is JSON, or else taken as a string):
              set KEY VALUE        setq KEY VALUE       add KEY VALUE
              get KEY...           rmv KEY...           contains KEY...
              keys                 count                clear
              update KEY /POINTER VALUE                 update KEY $.JSONPATH VALUE
              append KEY [ITEM,...]                     find $.JSONPATH [keys|paths|kv]
              save NAME            load NAME            (KV mode)
              new NAME [SECONDS]   shared NAME          open NAME     (sessions mode: then work in that session)
              use TOKEN            use                  (work in a session / in none)
              info [TOKEN]         end [TOKEN]          sessions      exists TOKEN...   endall
              shsave NAME          shload NAME
              history              !N (repeat line N)   help          quit
            """;

    private String session;
    private boolean useNext;

    /** The token of the session the key-value shorthands work in, or null. */
    String session() {
        return session;
    }

    JsonObject request(String line) {
        String[] words = line.strip().split("\\s+", 2);
        String rest = words.length > 1 ? words[1] : "";
        return switch (words[0]) {
            case "set" -> keyValue("KV_SET", rest);
            case "setq" -> keyValue("KV_SETQ", rest);
            case "add" -> keyValue("KV_ADD", rest);
            case "get" -> kv("KV_GET", params().add("keys", names(rest)));
            case "rmv", "del" -> kv("KV_RMV", params().add("keys", names(rest)));
            case "contains" -> kv("KV_CONTAINS", params().add("keys", names(rest)));
            case "keys" -> kv("KV_KEYS", params());
            case "count" -> kv("KV_COUNT", params());
            case "clear" -> kv("KV_CLEAR", params());
            case "update" -> update(rest);
            case "append" -> append(rest);
            case "find" -> find(rest);
            case "save" -> command("KV_SAVE", Json.createObjectBuilder().add("name", one(rest, "save NAME")));
            case "load" -> command("KV_LOAD", Json.createObjectBuilder().add("name", one(rest, "load NAME")));
            case "shsave" -> command("SH_SAVE", Json.createObjectBuilder().add("name", one(rest, "shsave NAME")));
            case "shload" -> command("SH_LOAD", Json.createObjectBuilder().add("name", one(rest, "shload NAME")));
            case "new" -> newSession(rest);
            case "shared" -> {
                useNext = true;
                yield command("SH_NEW", Json.createObjectBuilder().add("name", one(rest, "shared NAME")).add("shared", true));
            }
            case "open" -> {
                useNext = true;
                yield command("SH_OPEN", Json.createObjectBuilder().add("name", one(rest, "open NAME")));
            }
            case "use" -> use(rest);
            case "info" -> command("SH_INFO", Json.createObjectBuilder().add("tkn", token(rest)));
            case "end" -> command("SH_END", Json.createObjectBuilder().add("tkn", token(rest)));
            case "sessions" -> command("SH_INFO_ALL", Json.createObjectBuilder());
            case "endall" -> command("SH_END_ALL", Json.createObjectBuilder());
            case "exists" -> {
                JsonArrayBuilder tokens = Json.createArrayBuilder();
                Arrays.stream(rest.split("\\s+")).filter(word -> !word.isEmpty()).forEach(word -> tokens.add(token(word)));
                yield command("SH_EXISTS", Json.createObjectBuilder().add("tkns", tokens));
            }
            default -> throw new IllegalArgumentException("not JSON and not a shorthand: '" + line + "' ('help' lists them)");
        };
    }

    /** Follows the session a {@code new}, {@code shared} or {@code open} shorthand made or found, and forgets one that ended. */
    void remember(JsonObject request, JsonObject reply) {
        JsonObject body = reply.values().iterator().next() instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        boolean ok = body.getInt("st", 0) == 1;
        if (useNext && (reply.containsKey("SH_NEW_RSP") || reply.containsKey("SH_OPEN_RSP"))) {
            useNext = false;
            if (ok && body.get("tkn") instanceof jakarta.json.JsonNumber token) {
                session = token.bigIntegerValue().toString();
            }
        }
        if (ok && reply.containsKey("SH_END_RSP") && session != null
                && session.equals(request.getJsonObject("SH_END").get("tkn").toString())) {
            session = null;
        }
    }

    private JsonObject newSession(String rest) {
        String[] words = rest.isBlank() ? new String[0] : rest.strip().split("\\s+");
        if (words.length < 1 || words.length > 2) {
            throw new IllegalArgumentException("usage: new NAME [SECONDS]");
        }
        JsonObjectBuilder params = Json.createObjectBuilder().add("name", words[0]);
        if (words.length == 2) {
            params.add("expiry", Json.createObjectBuilder().add("duration", number(words[1])).add("deleteSession", true));
        }
        useNext = true;
        return command("SH_NEW", params);
    }

    private JsonObject use(String rest) {
        if (rest.isBlank()) {
            session = null;
        } else {
            session = token(rest.strip()).toString();
        }
        return null;
    }

    private JsonObject keyValue(String command, String rest) {
        String[] words = rest.split("\\s+", 2);
        if (words[0].isEmpty() || words.length < 2) {
            throw new IllegalArgumentException("usage: " + command.substring(3).toLowerCase(java.util.Locale.ROOT) + " KEY VALUE");
        }
        return kv(command, params().add("keys", Json.createObjectBuilder().add(words[0], value(words[1]))));
    }

    private JsonObject update(String rest) {
        String[] words = rest.split("\\s+", 3);
        if (words.length < 3) {
            throw new IllegalArgumentException("usage: update KEY /POINTER VALUE, or update KEY $.JSONPATH VALUE");
        }
        JsonObjectBuilder params = params().add("key", words[0]);
        if (words[1].startsWith("$")) {
            params.add("path", words[1]).add("value", value(words[2]));
        } else {
            params.add(words[1], value(words[2]));
        }
        return kv("KV_UPDATE", params);
    }

    private JsonObject append(String rest) {
        String[] words = rest.split("\\s+", 2);
        if (words.length < 2 || !(value(words[1]) instanceof jakarta.json.JsonArray items)) {
            throw new IllegalArgumentException("usage: append KEY [ITEM,...]");
        }
        return kv("KV_ARR_APPEND", params().add("key", words[0]).add("items", items));
    }

    private JsonObject find(String rest) {
        String[] words = rest.strip().split("\\s+");
        if (words[0].isEmpty() || words.length > 2) {
            throw new IllegalArgumentException("usage: find $.JSONPATH [keys|paths|kv] (a path with spaces: use the JSON form)");
        }
        return kv("KV_FIND", params().add("path", words[0]).add("rsp", words.length == 2 ? words[1] : "keys"));
    }

    /** A key-value request's parameters: the session's token when one is in use. */
    private JsonObjectBuilder params() {
        JsonObjectBuilder params = Json.createObjectBuilder();
        if (session != null) {
            params.add("tkn", new BigInteger(session));
        }
        return params;
    }

    private static JsonObject kv(String command, JsonObjectBuilder params) {
        return command(command, params);
    }

    private static JsonObject command(String command, JsonObjectBuilder params) {
        return Json.createObjectBuilder().add(command, params).build();
    }

    private static JsonArrayBuilder names(String rest) {
        JsonArrayBuilder names = Json.createArrayBuilder();
        Arrays.stream(rest.split("\\s+")).filter(word -> !word.isEmpty()).forEach(names::add);
        return names;
    }

    private static String one(String rest, String usage) {
        if (rest.isBlank() || rest.strip().contains(" ")) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return rest.strip();
    }

    private JsonValue token(String word) {
        String digits = word.isBlank() ? session : word.strip();
        if (digits == null) {
            throw new IllegalArgumentException("which session? give its token, or 'use TOKEN' first");
        }
        return number(digits);
    }

    private static JsonValue number(String digits) {
        if (!digits.matches("\\d+")) {
            throw new IllegalArgumentException("not a number: " + digits);
        }
        return Json.createValue(new BigInteger(digits));
    }

    /** {@code text} as JSON, or as a string when it is not JSON ({@code set name Ann}). */
    static JsonValue value(String text) {
        try {
            return Json.createReader(new StringReader(text)).readValue();
        } catch (JsonException e) {
            return Json.createValue(text);
        }
    }
}
