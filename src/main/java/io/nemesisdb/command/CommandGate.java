package io.nemesisdb.command;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.kv.StripedCounter;

/**
 * Lets a shutdown wait for the commands being executed. Each message enters and leaves the gate;
 * once the gate is closed, messages that arrive are not executed, and {@link #awaitIdle} returns
 * when the ones already inside have finished and replied.
 */
@ApplicationSingleton
public class CommandGate {

    private final StripedCounter inside = new StripedCounter();
    private volatile boolean closed;

    /** True when the message may be executed; then {@link #leave()} must follow. */
    boolean enter() {
        inside.increment();
        if (closed) {
            inside.decrement();
            return false;
        }
        return true;
    }

    void leave() {
        inside.decrement();
    }

    /** Stops executing new messages. */
    public void close() {
        closed = true;
    }

    /**
     * Waits until no command is executing, at most {@code timeout}; true when none is. Two
     * readings in a row must agree, since a sum read while messages are turned away may be off.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int idleReadings = 0;
        while (idleReadings < 2) {
            idleReadings = inside.sum() == 0 ? idleReadings + 1 : 0;
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return true;
    }
}
