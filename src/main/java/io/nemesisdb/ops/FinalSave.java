package io.nemesisdb.ops;

import java.time.Duration;

/**
 * Saves a dataset as the server stops ({@code nemesis.persist.save-on-stop}). Provided as a CDI
 * bean by the persistence code; {@link GracefulShutdown} calls it after the last client is gone.
 */
public interface FinalSave {

    /**
     * Saves the whole store as dataset {@code name} and returns once it is durable on disk.
     *
     * @param timeout how long the save may take; past it, give up and throw
     * @throws Exception when the save failed or did not finish in time
     */
    void save(String name, Duration timeout) throws Exception;
}
