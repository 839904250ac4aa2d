package io.nemesisdb.persist;

/**
 * A start-up load that failed. It stops the server: {@code Main} prints its message as the one
 * line that says why and exits non-zero.
 */
public final class StartupLoadException extends RuntimeException {

    public StartupLoadException(String message) {
        super(message, null, false, false);
    }

    /** The start-up load failure somewhere in {@code error}'s causes, or {@code null}. */
    public static StartupLoadException findIn(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StartupLoadException failure) {
                return failure;
            }
        }
        return null;
    }
}
