package io.nemesisdb.config;

/** A setting or launch option that cannot be used; its message is the one line shown to the user. */
public class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
