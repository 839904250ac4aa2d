package io.nemesisdb.client;

import java.util.concurrent.CompletionStage;

/** One session's asynchronous view: the key-value commands with its token, and its own end and info. */
final class AsyncSession extends AsyncKv implements NemesisAsyncSession {

    private final AsyncView commands;

    AsyncSession(AsyncView commands, SessionToken token) {
        super(commands.client, token);
        this.commands = commands;
    }

    @Override
    public SessionToken token() {
        return token;
    }

    @Override
    public CompletionStage<SessionInfo> info() {
        return commands.sessionInfo(token);
    }

    @Override
    public CompletionStage<Void> end() {
        return commands.endSession(token);
    }
}
