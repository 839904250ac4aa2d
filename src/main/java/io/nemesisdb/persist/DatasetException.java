package io.nemesisdb.persist;

/** Why a dataset cannot be loaded: missing, incomplete, of the other mode, or corrupt (142). */
public final class DatasetException extends Exception {

    public DatasetException(String message) {
        super(message);
    }
}
