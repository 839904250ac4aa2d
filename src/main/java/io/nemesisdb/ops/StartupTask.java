package io.nemesisdb.ops;

import java.util.function.Consumer;

/**
 * A piece of start-up work the server must finish before it reports ready, such as loading the
 * dataset named by {@code nemesis.load.name}. Obtained from {@link ServerLifecycle#startupTask}.
 */
public final class StartupTask {

    private final String description;
    private final Consumer<StartupTask> onFinish;

    StartupTask(String description, Consumer<StartupTask> onFinish) {
        this.description = description;
        this.onFinish = onFinish;
    }

    public String description() {
        return description;
    }

    /** Marks the work done, whether it succeeded or not; calling it again does nothing. */
    public void finished() {
        onFinish.accept(this);
    }
}
