package io.nemesisdb.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

class BusyPollTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    /** Polls for an hour after an event, on a machine where no gap between polls counts as descheduled. */
    private static BusyPoll polling(int loops) {
        return new BusyPoll(AN_HOUR, loops, AN_HOUR, AN_HOUR);
    }

    /** Polls for an hour after an event, where every gap between polls counts as descheduled. */
    private static BusyPoll descheduledAtEveryPoll(long firstPauseNanos) {
        return new BusyPoll(AN_HOUR, 4, -1, firstPauseNanos);
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
        assertEquals(SelectStrategy.SELECT, new BusyPoll(0, 2, AN_HOUR, AN_HOUR).newSelectStrategy().calculateStrategy(() -> 0, false));
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
    void aDescheduledLoopSleepsAndNoLoopPollsForAPause() throws Exception {
        BusyPoll busyPoll = descheduledAtEveryPoll(AN_HOUR);
        SelectStrategy first = busyPoll.newSelectStrategy();
        SelectStrategy second = busyPoll.newSelectStrategy();
        assertEquals(SelectStrategy.CONTINUE, first.calculateStrategy(() -> 0, false));
        assertEquals(SelectStrategy.SELECT, first.calculateStrategy(() -> 0, false), "descheduled between two polls");
        assertEquals(AN_HOUR, busyPoll.pauseNanos());
        assertEquals(SelectStrategy.SELECT, first.calculateStrategy(() -> 0, false), "paused");
        assertEquals(SelectStrategy.SELECT, second.calculateStrategy(() -> 0, false), "every loop pauses");
        assertEquals(2, second.calculateStrategy(() -> 2, false), "events are processed during a pause");
    }

    @Test
    void pollingResumesAfterThePauseWhichDoublesWhileItKeepsHappening() throws Exception {
        BusyPoll busyPoll = descheduledAtEveryPoll(1);
        SelectStrategy loop = busyPoll.newSelectStrategy();
        long[] pauses = new long[3];
        for (int i = 0; i < pauses.length; i++) {
            assertEquals(SelectStrategy.CONTINUE, loop.calculateStrategy(() -> 0, false), "polls again once the pause is over");
            assertEquals(SelectStrategy.SELECT, loop.calculateStrategy(() -> 0, false));
            pauses[i] = busyPoll.pauseNanos();
            Thread.sleep(1);
        }
        assertArrayEquals(new long[] {1, 2, 4}, pauses);
    }
}
