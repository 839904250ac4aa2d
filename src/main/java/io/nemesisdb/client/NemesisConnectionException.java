package io.nemesisdb.client;

/**
 * The request did not get its reply because the connection could not be opened or was lost (the
 * server may or may not have run it). The next request opens a new connection.
 */
public final class NemesisConnectionException extends NemesisException {

    public NemesisConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
