package io.nemesisdb.command;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.protocol.Envelope;
import io.nemesisdb.protocol.EnvelopeParser;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.ReplySink;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.protocol.Token;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The transport-agnostic protocol core: takes one request message and sends its replies. Applies
 * the envelope checks, finds the command, validates its parameters and token, and runs it.
 * Transports call it and know nothing of commands.
 */
@ApplicationScoped
public class CommandDispatcher {

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class.getName());
    private static final String ERR_PREFIX = Reply.prefix("ERR");

    @Inject
    ServerSettings settings;

    @Inject
    CommandRegistry registry;

    private EnvelopeParser parser;
    private Mode mode;

    @PostConstruct
    void init() {
        parser = new EnvelopeParser(settings.maxDepth());
        mode = settings.mode();
    }

    /** Handles a binary message: always rejected (2). */
    public void onBinary(ReplySink sink) {
        sink.send(new Reply(ERR_PREFIX, Status.OP_CODE_INVALID)
                .add("m", "binary messages are not accepted; send JSON as text").finish());
    }

    /** Handles one text message. */
    public void onText(String message, ReplySink sink) {
        Envelope envelope = parser.parse(message);
        if (envelope.isRejected()) {
            sink.send(new Reply(ERR_PREFIX, envelope.error()).add("m", envelope.message()).finish());
            return;
        }
        String name = envelope.command();
        CommandRegistry.Entry entry = registry.find(name);
        String replyPrefix = entry != null ? entry.replyPrefix() : Reply.prefix(name + "_RSP");
        if (envelope.body().getValueType() != JsonValue.ValueType.OBJECT) {
            sink.send(new Reply(replyPrefix, Status.COMMAND_TYPE).add("m", "the value of " + name + " must be an object").finish());
            return;
        }
        if (entry == null || !entry.spec().modes().contains(mode)) {
            String why = entry == null ? "unknown command " : "not available in this mode: ";
            sink.send(new Reply(replyPrefix, Status.COMMAND_NOT_EXIST).add("m", why + name).finish());
            return;
        }
        execute(entry, (JsonObject) envelope.body(), sink);
    }

    private void execute(CommandRegistry.Entry entry, JsonObject body, ReplySink sink) {
        CommandSpec spec = entry.spec();
        boolean namesSession = mode == Mode.SESSIONS && spec.scope() != Scope.SERVER;
        Long token = namesSession ? Token.parse(body.get("tkn")) : null;
        CommandContext context = new CommandContext(spec, entry.replyPrefix(), body, sink, namesSession, token);
        ParamValidator.Violation violation = ParamValidator.validate(spec.params(), body);
        if (violation != null) {
            context.fail(violation.status(), violation.message());
            return;
        }
        if (namesSession && token == null) {
            context.fail(Status.SESSION_TOKEN_INVALID, "tkn is absent or not an unsigned 64-bit integer");
            return;
        }
        try {
            spec.handler().handle(context);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.SEVERE, "command " + spec.name() + " failed unexpectedly", e);
            context.fail(Status.UNKNOWN, "unexpected server error");
        }
    }
}
