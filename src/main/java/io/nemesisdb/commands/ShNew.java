package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.optional;
import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.BOOL;
import static io.nemesisdb.command.ParamType.OBJECT;
import static io.nemesisdb.command.ParamType.STRING;
import static io.nemesisdb.command.ParamType.UINT;

import java.math.BigInteger;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.command.Violation;
import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Expiry;
import io.nemesisdb.session.Sessions;
import io.nemesisdb.session.SharedToken;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * SH_NEW (API.md 5): creates a session, private with a random token, or shared under a name whose
 * token is derived from it; with an expiry, or none. A shared session needs a name; a private one
 * is named in the reply only when the request gives a name (0.6.5+ clients give none).
 */
final class ShNew extends Command.Direct<ShNew.Request> {

    private static final Param NAME = optional("name", STRING).nonEmpty();
    private static final Param SHARED = optional("shared", BOOL);
    private static final Param DURATION = required("duration", UINT).checked(ShNew::checkDuration);
    private static final Param DELETE_SESSION = required("deleteSession", BOOL);
    private static final Param EXPIRY = optional("expiry", OBJECT).withMembers(DURATION, DELETE_SESSION);
    private static final CommandSpec SPEC = CommandSpec.command("SH_NEW").modes(Mode.SESSIONS).writes().stores()
            .params(NAME, SHARED, EXPIRY).build();

    /** @param name the session's name, or {@code null} */
    record Request(String name, boolean shared, Expiry expiry) {
    }

    private final Sessions sessions;

    ShNew(Sessions sessions) {
        super(SPEC);
        this.sessions = sessions;
    }

    /** A shared session is found by its name, so it needs one. */
    @Override
    public Request parse(JsonObject body) {
        String name = body.getString(NAME.name(), null);
        boolean shared = body.getBoolean(SHARED.name(), false);
        if (shared && name == null) {
            throw new Violation(Status.PARAM_MISSING, "missing parameter 'name': a shared session needs one");
        }
        Expiry expiry = Expiry.NEVER;
        JsonObject expiryParam = body.getJsonObject(EXPIRY.name());
        if (expiryParam != null) {
            expiry = new Expiry(durationSeconds(expiryParam.getJsonNumber(DURATION.name())),
                    expiryParam.getBoolean(DELETE_SESSION.name()));
        }
        return new Request(name, shared, expiry);
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

    @Override
    public void execute(CommandContext context, Request request) {
        String name = request.name();
        if (request.shared()) {
            Sessions.NewShared outcome = sessions.createShared(name, request.expiry());
            if (outcome.token() != null) {
                context.send(context.reply(Status.OK).add("name", name).token(outcome.token()));
            } else if (outcome.nameInUse()) {
                context.send(context.reply(Status.SESSION_NEW_FAIL).add("name", name)
                        .add("m", "a shared session with this name exists").token(SharedToken.of(name)));
            } else {
                // no tkn: the token belongs to a session of another name, which this client must not reach
                context.send(context.reply(Status.SESSION_NAME_CONFLICT).add("name", name)
                        .add("m", "this name's token belongs to a session of another name: choose another name"));
            }
        } else {
            Reply reply = context.reply(Status.OK);
            if (name != null) {
                reply.add("name", name);
            }
            context.send(reply.token(sessions.createPrivate(request.expiry())));
        }
    }
}
