package io.nemesisdb.client;

/** One session's synchronous view. */
final class SyncSession extends SyncKv implements NemesisSession {

    private final NemesisAsyncSession async;

    SyncSession(NemesisAsyncSession async, NemesisClient client) {
        super(async, client.options().timeout());
        this.async = async;
    }

    @Override
    public SessionToken token() {
        return async.token();
    }

    @Override
    public SessionInfo info() {
        return await(async.info());
    }

    @Override
    public void end() {
        await(async.end());
    }
}
