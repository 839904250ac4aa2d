package io.nemesisdb.session;

import static io.nemesisdb.command.CommandSpec.command;
import static io.nemesisdb.command.Param.optional;
import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.ARRAY;
import static io.nemesisdb.command.ParamType.BOOL;
import static io.nemesisdb.command.ParamType.OBJECT;
import static io.nemesisdb.command.ParamType.STRING;
import static io.nemesisdb.command.ParamType.UINT;

import java.math.BigInteger;
import java.util.List;

import io.nemesisdb.command.CommandCatalog;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Scope;
import io.nemesisdb.command.Violation;
import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.protocol.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The session commands of sessions mode (protocol section 5, except saving and loading). None of
 * them restarts a session's idle clock. SH_INFO_ALL and SH_END_ALL visit every session, so they
 * are declared expensive.
 */
@ApplicationScoped
public class SessionCommands implements CommandCatalog {

    @Inject
    SessionStore store;

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                sessionsOnly("SH_NEW").writes().stores().params(
                        optional("name", STRING).nonEmpty(),
                        optional("shared", BOOL),
                        optional("expiry", OBJECT).withMembers(required("duration", UINT).checked(SessionCommands::checkDuration),
                                required("deleteSession", BOOL)))
                        .checks(SessionCommands::checkSharedHasName)
                        .handler(this::create),
                sessionsOnly("SH_END").writes().scope(Scope.SESSION).handler(this::end),
                sessionsOnly("SH_OPEN").writes().params(required("name", STRING).nonEmpty()).handler(this::open),
                sessionsOnly("SH_INFO").reads().scope(Scope.SESSION).handler(this::info),
                sessionsOnly("SH_INFO_ALL").expensive().handler(this::infoAll),
                sessionsOnly("SH_EXISTS").reads().params(required("tkns", ARRAY)).handler(this::exists),
                sessionsOnly("SH_END_ALL").expensive().handler(this::endAll));
    }

    private static CommandSpec.Builder sessionsOnly(String name) {
        return command(name).modes(Mode.SESSIONS);
    }

    private void create(CommandContext context) {
        JsonObject body = context.body();
        String name = body.getString("name", null);
        boolean shared = body.getBoolean("shared", false);
        Expiry expiry = Expiry.NEVER;
        JsonObject expiryParam = body.getJsonObject("expiry");
        if (expiryParam != null) {
            expiry = new Expiry(durationSeconds(expiryParam.getJsonNumber("duration")), expiryParam.getBoolean("deleteSession"));
        }
        if (shared) {
            SessionStore.NewShared outcome = store.createShared(name, expiry);
            if (outcome.created() != null) {
                context.send(context.reply(Status.OK).add("name", name).token(outcome.created().token()));
            } else if (outcome.nameInUse()) {
                context.send(context.reply(Status.SESSION_NEW_FAIL).add("name", name)
                        .add("m", "a shared session with this name exists").token(SharedToken.of(name)));
            } else {
                // no tkn: the token belongs to a session of another name, which this client must not reach
                context.send(context.reply(Status.SESSION_NAME_CONFLICT).add("name", name)
                        .add("m", "this name's token belongs to a session of another name: choose another name"));
            }
        } else {
            // 0.6.5+ clients create private sessions without a name: the reply names one only when given
            Reply reply = context.reply(Status.OK);
            if (name != null) {
                reply.add("name", name);
            }
            context.send(reply.token(store.createPrivate(expiry).token()));
        }
    }

    /** 0.6.5+ clients create private sessions without a name; a shared session is found by its name. */
    private static Violation checkSharedHasName(JsonObject body) {
        return body.getBoolean("shared", false) && !body.containsKey("name")
                ? new Violation(Status.PARAM_MISSING, "missing parameter 'name': a shared session needs one")
                : null;
    }

    /** A duration too large to be kept is 41, with the other parameters. */
    private static Violation checkDuration(JsonValue duration) {
        return durationSeconds((JsonNumber) duration) >= 0 ? null
                : new Violation(Status.VALUE_TYPE_INVALID, "expiry duration must be at most " + Expiry.MAX_DURATION_SECONDS + " seconds");
    }

    /** The duration in seconds, or -1 when it is too large to be kept. */
    private static long durationSeconds(JsonNumber duration) {
        if (duration instanceof LiteralNumber literal) {
            // digits only (a UINT), without leading zeros (JSON): read in linear time, where a
            // BigInteger of a million digits takes seconds
            String digits = literal.text();
            if (digits.length() > 18) {
                return -1;
            }
            long seconds = Long.parseLong(digits);
            return seconds <= Expiry.MAX_DURATION_SECONDS ? seconds : -1;
        }
        BigInteger seconds = duration.bigIntegerValue();
        return seconds.bitLength() < 64 && seconds.longValue() <= Expiry.MAX_DURATION_SECONDS ? seconds.longValue() : -1;
    }

    private void end(CommandContext context) {
        if (store.end(context.token())) {
            context.ok();
        } else {
            notFound(context);
        }
    }

    private void open(CommandContext context) {
        String name = context.body().getString("name");
        Session session = store.findShared(name);
        if (session == null) {
            context.send(context.reply(Status.SESSION_OPEN_FAIL).add("name", name)
                    .add("m", "no shared session with this name").token(null));
            return;
        }
        context.send(context.reply(Status.OK).add("name", name).token(session.token()));
    }

    private void info(CommandContext context) {
        Session session = store.find(context.token());
        int keyCount;
        try {
            keyCount = session == null ? -1 : session.keySpace().count();
        } catch (KeySpace.Closed ended) {
            keyCount = -1;
        }
        if (keyCount < 0) {
            notFound(context);
            return;
        }
        Reply reply = context.reply(Status.OK).token(session.token())
                .add("shared", session.shared())
                .add("keyCnt", keyCount)
                .add("expires", session.expires());
        if (session.expires()) {
            Expiry expiry = session.expiry();
            reply.beginObject("expiry")
                    .entry(true, "duration", number(expiry.durationSeconds()))
                    .entry(false, "remaining", number(session.remainingSeconds(store.now())))
                    .entry(false, "deleteSession", expiry.deleteSession() ? JsonValue.TRUE : JsonValue.FALSE)
                    .endObject();
        }
        context.send(reply);
    }

    private static JsonValue number(long value) {
        return new LiteralNumber(Long.toString(value));
    }

    private void infoAll(CommandContext context) {
        SessionStore.Totals totals = store.totals();
        context.send(context.reply(Status.OK).add("totalSessions", totals.sessions()).add("totalKeys", totals.keys()));
    }

    private void exists(CommandContext context) {
        Reply reply = context.reply(Status.OK).beginArray("exist");
        boolean first = true;
        for (JsonValue item : context.body().getJsonArray("tkns")) {
            Long token = Token.parse(item);
            if (token != null && store.exists(token)) {
                reply.unsignedElement(first, token);
                first = false;
            }
        }
        context.send(reply.endArray());
    }

    private void endAll(CommandContext context) {
        context.send(context.reply(Status.OK).add("cnt", store.endAll()));
    }

    private static void notFound(CommandContext context) {
        context.fail(Status.SESSION_NOT_EXIST, "no session with this token");
    }
}
