package io.nemesisdb.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

class BusyPollTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    /** Polls for an hour after an event, on a machine of 2 processors with 1 runnable thread. */
    private static BusyPoll polling(int loops) {
        return new BusyPoll(AN_HOUR, loops, () -> 1, 2, 0, AN_HOUR);
    }

    /** Polls for an hour after an event, counting runnable threads at every poll, on a machine of 2 processors. */
    private static BusyPoll counting(IntSupplier runnableThreads, long firstPauseNanos) {
        return new BusyPoll(AN_HOUR, 4, runnableThreads, 2, 0, firstPauseNanos);
    }

    /** Polls as many times as it takes to count the runnable threads 8 times: true if all were polls. */
    private static boolean pollsThroughEightCounts(SelectStrategy loop) throws Exception {
        for (int i = 0; i < 7; i++) {
            if (loop.calculateStrategy(() -> 0, false) != SelectStrategy.CONTINUE) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aLoopWithEventsProcessesThem() throws Exception {
        SelectStrategy loop = polling(2).newSelectStrategy();
        assertEquals(3, loop.calculateStrategy(() -> 3, false));
        assertEquals(0, loop.calculateStrategy(() -> 0, true), "pending tasks run without waiting");
    }

    @Test
    void anIdleLoopPollsWithinTheWindowAndSleepsAfterIt() throws Exception {
        assertEquals(SelectStrategy.CONTINUE, polling(2).newSelectStrategy().calculateStrategy(() -> 0, false));
        assertEquals(SelectStrategy.SELECT, new BusyPoll(0, 2, () -> 1, 2, 0, AN_HOUR).newSelectStrategy().calculateStrategy(() -> 0, false));
    }

    @Test
    void atMostHalfTheLoopsPollAtOnce() throws Exception {
        BusyPoll busyPoll = polling(3);
        SelectStrategy first = busyPoll.newSelectStrategy();
        SelectStrategy second = busyPoll.newSelectStrategy();
        assertEquals(SelectStrategy.CONTINUE, first.calculateStrategy(() -> 0, false));
        assertEquals(SelectStrategy.CONTINUE, first.calculateStrategy(() -> 0, false), "a polling loop keeps its turn");
        assertEquals(SelectStrategy.SELECT, second.calculateStrategy(() -> 0, false), "one of three loops may poll");

        assertEquals(1, first.calculateStrategy(() -> 1, false));
        assertEquals(SelectStrategy.CONTINUE, second.calculateStrategy(() -> 0, false), "an event frees the turn");
        assertEquals(SelectStrategy.SELECT, first.calculateStrategy(() -> 0, false));
    }

    @Test
    void aLoopThatFindsNoFreeCoreInMostCountsSleepsAndNoLoopPollsForAPause() throws Exception {
        int[] counts = {3, 1, 3, 3, 3, 1, 3, 3};
        int[] next = {0};
        BusyPoll busyPoll = counting(() -> counts[next[0]++ % counts.length], AN_HOUR);
        SelectStrategy first = busyPoll.newSelectStrategy();
        SelectStrategy second = busyPoll.newSelectStrategy();
        assertTrue(pollsThroughEightCounts(first), "polls while counting");
        assertEquals(SelectStrategy.SELECT, first.calculateStrategy(() -> 0, false), "the eighth count: 6 of 8 over 2 processors");
        assertEquals(AN_HOUR, busyPoll.pauseNanos());
        assertEquals(SelectStrategy.SELECT, first.calculateStrategy(() -> 0, false), "paused");
        assertEquals(SelectStrategy.SELECT, second.calculateStrategy(() -> 0, false), "every loop pauses");
        assertEquals(2, second.calculateStrategy(() -> 2, false), "events are processed during a pause");
    }

    @Test
    void aLoopThatFindsAFreeCoreNowAndThenKeepsPolling() throws Exception {
        int[] counts = {3, 2, 3, 3, 3, 2, 3, 2};
        int[] next = {0};
        SelectStrategy loop = counting(() -> counts[next[0]++ % counts.length], AN_HOUR).newSelectStrategy();
        for (int i = 0; i < 40; i++) {
            assertEquals(SelectStrategy.CONTINUE, loop.calculateStrategy(() -> 0, false), "5 of each 8 counts over 2 processors, poll " + i);
        }
        SelectStrategy unknown = counting(() -> -1, AN_HOUR).newSelectStrategy();
        for (int i = 0; i < 40; i++) {
            assertEquals(SelectStrategy.CONTINUE, unknown.calculateStrategy(() -> 0, false), "no count where Linux's is unreadable");
        }
    }

    @Test
    void pollingResumesAfterThePauseWhichDoublesWhileItKeepsHappening() throws Exception {
        BusyPoll busyPoll = counting(() -> 3, 1);
        SelectStrategy loop = busyPoll.newSelectStrategy();
        long[] pauses = new long[3];
        for (int i = 0; i < pauses.length; i++) {
            assertTrue(pollsThroughEightCounts(loop), "polls again once the pause is over");
            assertEquals(SelectStrategy.SELECT, loop.calculateStrategy(() -> 0, false));
            pauses[i] = busyPoll.pauseNanos();
            Thread.sleep(1);
        }
        assertArrayEquals(new long[] {1, 2, 4}, pauses);
    }

    @Test
    void theMachinesCountIsTheNumberBeforeTheSlash() {
        assertEquals(3, RunnableThreads.parse(ByteBuffer.wrap("0.74 1.74 2.64 3/450 12345\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(128, RunnableThreads.parse(ByteBuffer.wrap("10.00 9.50 8.25 128/9000 1\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(-1, RunnableThreads.parse(ByteBuffer.wrap("0.74 1.74 2.64\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(-1, RunnableThreads.parse(ByteBuffer.wrap("0.74 1.74 2.64 x/450 1".getBytes(StandardCharsets.US_ASCII))));
        int count = RunnableThreads.ofThisMachine().getAsInt();
        assertTrue(count >= 1 || count == -1, "this thread runs, or the machine is not Linux: " + count);
    }
}
