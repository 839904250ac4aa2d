package io.nemesisdb.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.json.JsonText;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Envelope;
import io.nemesisdb.protocol.EnvelopeParser;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.ReplySink;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.protocol.Token;
import io.nemesisdb.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The transport-agnostic protocol core: takes one request message and sends its replies. Applies
 * the envelope checks, finds the command, validates its parameters, parses its request, checks
 * its token, and runs it: on the caller's thread, or, for an expensive command, on the
 * {@link ExpensiveCommands} threads, or, when the store's calls wait for the network, on a
 * virtual thread of its own. A command that works on a key space gets the request's key
 * space from the {@link KeySpaceLookup} of the server's store.
 * Transports call it and know nothing of commands; before they pass the connection's next
 * message, they wait for the future {@link #onText} returned, so that replies stay in order.
 */
@ApplicationSingleton
public class CommandDispatcher {

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class.getName());
    private static final byte[] ERR_PREFIX = Reply.prefix("ERR");
    /** What {@link #onText} returns when every reply was sent on the calling thread. */
    public static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Inject
    ServerSettings settings;

    @Inject
    CommandRegistry registry;

    @Inject
    CommandMeter meter;

    @Inject
    CommandGate gate;

    @Inject
    MemoryLimit memory;

    @Inject
    ExpensiveCommands expensive;

    @Inject
    KeySpaceLookup keySpaces;

    private EnvelopeParser parser;
    private Mode mode;
    private Duration queryBudget;
    /** Where every command runs when the store {@linkplain KeySpaceLookup#blocks() blocks}; else null. */
    private ExecutorService blockingCalls;

    @PostConstruct
    void init() {
        parser = new EnvelopeParser(settings.maxDepth());
        mode = settings.mode();
        queryBudget = settings.queryBudget();
        if (keySpaces.blocks()) {
            blockingCalls = Executors.newVirtualThreadPerTaskExecutor();
        }
    }

    @PreDestroy
    void stop() {
        if (blockingCalls != null) {
            blockingCalls.shutdown();
        }
    }

    /** Handles a binary message: always rejected (2). */
    public void onBinary(ReplySink sink) {
        send(sink, new Reply(ERR_PREFIX, Status.OP_CODE_INVALID)
                .add("m", "binary messages are not accepted; send JSON as text"));
    }

    /**
     * Handles one text message; once shutdown has closed the gate, does nothing. The future
     * completes when every reply has been sent: at once, unless the command is expensive and was
     * handed to another thread. The message stays inside the gate until then.
     *
     * @param role what the connection's access key allows ({@link Role#ADMIN} when no keys are configured)
     */
    public CompletableFuture<Void> onText(String message, ReplySink sink, Role role) {
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        return onText(utf8, utf8.length, sink, role);
    }

    /** Handles the text message {@code utf8[0..length)}, valid UTF-8, as {@link #onText(String, ReplySink, Role)}. */
    public CompletableFuture<Void> onText(byte[] utf8, int length, ReplySink sink, Role role) {
        if (!gate.enter()) {
            return DONE;
        }
        CompletableFuture<Void> handedOff;
        try {
            handedOff = handle(parser.parse(utf8, length), sink, role);
        } catch (RuntimeException | Error e) {
            gate.leave();
            throw e;
        }
        if (handedOff == null) {
            gate.leave();
            return DONE;
        }
        return handedOff.whenComplete((done, failure) -> gate.leave());
    }

    /** Handles the parsed message; null when it is done, else the future of the command handed off. */
    private CompletableFuture<Void> handle(Envelope envelope, ReplySink sink, Role role) {
        if (envelope.isRejected()) {
            send(sink, new Reply(ERR_PREFIX, envelope.error()).add("m", envelope.message()));
            return null;
        }
        String name = envelope.command();
        CommandRegistry.Entry entry = registry.find(name);
        byte[] replyPrefix = entry != null ? entry.replyPrefix() : Reply.prefix(name + "_RSP");
        if (envelope.body().getValueType() != JsonValue.ValueType.OBJECT) {
            Reply reply = new Reply(replyPrefix, Status.COMMAND_TYPE).add("m", "the value of " + name + " must be an object");
            if (entry != null && namesSession(entry.spec())) {
                reply.token(null); // like every reply to a command that names a session; here no token could be read
            }
            send(sink, reply);
            return null;
        }
        if (entry == null || !entry.spec().modes().contains(mode)) {
            String why = entry == null ? "unknown command " : "not available in this mode: ";
            send(sink, new Reply(replyPrefix, Status.COMMAND_NOT_EXIST).add("m", why + name));
            return null;
        }
        entry.counter().run();
        return execute(entry, entry.command(), (JsonObject) envelope.body(), sink, role);
    }

    private <R> CompletableFuture<Void> execute(CommandRegistry.Entry entry, Command<R> command, JsonObject body,
                                                ReplySink sink, Role role) {
        CommandSpec spec = entry.spec();
        boolean namesSession = namesSession(spec);
        Long token = namesSession ? Token.parse(body.get("tkn")) : null;
        CommandContext context = new CommandContext(spec, entry.replyPrefix(), sink, namesSession, token, meter,
                settings.maxReplySize(), queryBudget);
        if (!role.allows(spec.access())) {
            context.fail(Status.FORBIDDEN, "the access key's role, " + role.label() + ", may not run " + spec.name());
            return null;
        }
        Violation violation = ParamValidator.validate(spec, body);
        R request = null;
        if (violation == null) {
            try {
                request = command.parse(body);
            } catch (Violation rejected) {
                violation = rejected;
            }
        }
        if (violation != null) {
            context.fail(violation.status(), violation.message());
            return null;
        }
        if (namesSession && token == null) {
            context.fail(Status.SESSION_TOKEN_INVALID, "tkn is absent or not an unsigned 64-bit integer");
            return null;
        }
        if (spec.stores() && memory.exceeded()) {
            context.fail(Status.MEMORY_LIMIT, "the server holds more than nemesis.max-memory (" + memory.limit()
                    + " bytes of heap in use): only reads and deletes are accepted");
            return null;
        }
        R parsed = request;
        if (command.isExpensive(request)) {
            return expensive.submit(() -> run(context, command, parsed));
        }
        if (blockingCalls != null) {
            return CompletableFuture.runAsync(() -> run(context, command, parsed), blockingCalls);
        }
        run(context, command, request);
        return null;
    }

    /** True when the command works on a session in this server's mode: its replies carry {@code tkn} (API.md 1.2). */
    private boolean namesSession(CommandSpec spec) {
        return mode == Mode.SESSIONS && spec.scope() != Scope.SERVER && spec.modes().contains(mode);
    }

    private <R> void run(CommandContext context, Command<R> command, R request) {
        CommandSpec spec = context.spec();
        try {
            if (command instanceof Command.OnKeySpace<R> onKeySpace) {
                runOnKeySpace(context, onKeySpace, request);
            } else {
                ((Command.Direct<R>) command).execute(context, request);
            }
        } catch (JsonText.TooLarge e) {
            context.fail(Status.REPLY_TOO_LARGE, "the reply would be larger than nemesis.max-reply-size (" + e.limit() + " bytes)");
        } catch (OutOfMemoryError e) {
            LOG.severe("command " + spec.name() + " ran out of memory; it was answered 1000");
            context.fail(Status.UNKNOWN, "the server ran out of memory");
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.SEVERE, "command " + spec.name() + " failed unexpectedly", e);
            context.fail(Status.UNKNOWN, "unexpected server error");
        }
    }

    /** Runs {@code command} on the request's key space; a key space closed meanwhile (a session ended) is as if not found. */
    private <R> void runOnKeySpace(CommandContext context, Command.OnKeySpace<R> command, R request) {
        KeySpaceOperations keySpace = keySpaces.find(context);
        if (keySpace == null) {
            return;
        }
        try {
            command.execute(context, request, keySpace);
        } catch (KeySpaceOperations.Closed closed) {
            keySpaces.replyClosed(context);
        }
    }

    private void send(ReplySink sink, Reply reply) {
        meter.replied(reply.status());
        sink.send(reply.finish());
    }
}
