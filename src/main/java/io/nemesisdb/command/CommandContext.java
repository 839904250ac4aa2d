package io.nemesisdb.command;

import java.time.Duration;

import io.nemesisdb.jsonpath.EvaluationBudget;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.ReplySink;
import io.nemesisdb.protocol.Status;

/**
 * One command being executed: its declaration, the request's token (sessions mode), where its
 * replies go and the budget of its JSONPath evaluations. The request itself is the command's
 * parsed record, handed to it beside this context. Replies built here get
 * the command's reply name, are dropped on success for quiet commands, and end with
 * {@code "tkn"} where the protocol wants it.
 */
public final class CommandContext {

    private final CommandSpec spec;
    private final byte[] replyPrefix;
    private final ReplySink sink;
    private final boolean tokenInReplies;
    private final Long token;
    private final CommandMeter meter;
    private final int maxReplySize;
    private final Duration queryBudget;
    private EvaluationBudget evaluationBudget;

    CommandContext(CommandSpec spec, byte[] replyPrefix, ReplySink sink,
                   boolean tokenInReplies, Long token, CommandMeter meter, int maxReplySize, Duration queryBudget) {
        this.spec = spec;
        this.replyPrefix = replyPrefix;
        this.sink = sink;
        this.tokenInReplies = tokenInReplies;
        this.token = token;
        this.meter = meter;
        this.maxReplySize = maxReplySize;
        this.queryBudget = queryBudget;
    }

    public CommandSpec spec() {
        return spec;
    }

    /** The request's well-formed token, or {@code null} (always null in KV mode). */
    public Long token() {
        return token;
    }

    /** Where replies go; also for a reply sent later from another thread (a save's second reply). */
    public ReplySink sink() {
        return sink;
    }

    /**
     * The budget that every JSONPath evaluation of this request spends, together: it starts at the
     * first call, lasts {@code nemesis.query.budget-ms}, and ends early when the client has gone.
     */
    public EvaluationBudget evaluationBudget() {
        if (evaluationBudget == null) {
            evaluationBudget = EvaluationBudget.startingNow(queryBudget, sink::isOpen);
        }
        return evaluationBudget;
    }

    /** Starts a reply with status {@code status}, which may not grow past {@code nemesis.max-reply-size}. */
    public Reply reply(Status status) {
        return new Reply(replyPrefix, status).limit(maxReplySize);
    }

    /** Finishes and sends {@code reply}, unless the command is quiet and the reply is a success. */
    public void send(Reply reply) {
        if (spec.quiet() && reply.status() == Status.OK) {
            return;
        }
        sink.send(render(reply));
    }

    /** Finishes {@code reply} as {@link #send} would, for a caller that sends it later. */
    public Reply render(Reply reply) {
        meter.replied(reply.status());
        if (tokenInReplies && !reply.hasToken()) {
            reply.token(token);
        }
        return reply.finish();
    }

    /** Replies success with no other members. */
    public void ok() {
        send(reply(Status.OK));
    }

    /** Replies the error {@code status} with a message saying what was wrong. */
    public void fail(Status status, String message) {
        send(reply(status).add("m", message));
    }
}
