package io.nemesisdb.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentClientsTest {

    @Test
    void returnsTheResultsInTheOrderOfTheClients() throws Exception {
        List<Callable<Integer>> clients = List.of(() -> 1, () -> 2, () -> 3);
        assertEquals(List.of(1, 2, 3), ConcurrentClients.runAll(Duration.ofSeconds(10), clients));
    }

    @Test
    void rethrowsAClientsFailureAsItWasThrown() {
        AssertionError thrown = new AssertionError("a client saw something wrong");
        List<Callable<Integer>> clients = List.of(() -> 1, () -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(AssertionError.class, () -> ConcurrentClients.runAll(Duration.ofSeconds(10), clients)));
    }

    @Test
    void aClientPastTheDeadlineFailsTheTestWithItsStackAndAThreadDump(@TempDir Path dumps) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        List<Callable<Integer>> clients = List.of(() -> 1, () -> {
            never.await();
            return 2;
        });
        AssertionError error = assertThrows(AssertionError.class, () -> ConcurrentClients.runAll(Duration.ofSeconds(2), clients, dumps));
        String report = error.getMessage();
        String stacks = report.substring(0, report.indexOf("\nThe thread dump:\n"));
        assertTrue(stacks.startsWith("clients still running after 2000 ms: client-1; thread dump: "), stacks);
        assertTrue(stacks.contains("\nclient-1 (WAITING)\n") && stacks.contains("CountDownLatch.await"), stacks);
        assertFalse(stacks.contains("client-0"), stacks);
        Path dump = Path.of(stacks.substring(stacks.indexOf("thread dump: ") + 13, stacks.indexOf('\n')));
        assertTrue(report.endsWith(Files.readString(dump)), "the report ends with the dump");
        assertTrue(Files.readString(dump).contains("\"client-1\""), "the dump names the client's thread");
        assertEquals(dumps, dump.getParent(), "the dump is written where the caller asked");
    }
}
