package io.nemesisdb.client;

/** Something went wrong with a request: the server answered with an error status, or the connection failed. */
public abstract sealed class NemesisException extends RuntimeException
        permits NemesisStatusException, NemesisConnectionException {

    NemesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
