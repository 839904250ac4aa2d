package io.nemesisdb.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CommandGateTest {

    @Test
    void anOpenGateLetsMessagesIn() {
        assertTrue(new CommandGate().enter());
    }

    @Test
    void aClosedGateTurnsNewMessagesAway() {
        CommandGate gate = new CommandGate();
        gate.close();
        assertFalse(gate.enter());
    }

    @Test
    void awaitIdleWaitsForTheCommandsInsideToLeave() throws Exception {
        CommandGate gate = new CommandGate();
        assertTrue(gate.enter());
        gate.close();
        assertFalse(gate.awaitIdle(Duration.ofMillis(50)), "a command is still inside");
        gate.leave();
        assertTrue(gate.awaitIdle(Duration.ofSeconds(10)));
    }

    @Test
    void turnedAwayMessagesDoNotCountAsInside() throws Exception {
        CommandGate gate = new CommandGate();
        gate.close();
        gate.enter();
        assertTrue(gate.awaitIdle(Duration.ofSeconds(10)));
    }
}
