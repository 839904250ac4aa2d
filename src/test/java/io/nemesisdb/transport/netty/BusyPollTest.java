package io.nemesisdb.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

class BusyPollTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void aLoopWithEventsProcessesThem() throws Exception {
        SelectStrategy loop = new BusyPoll(AN_HOUR, 2).newSelectStrategy();
        assertEquals(3, loop.calculateStrategy(() -> 3, false));
        assertEquals(0, loop.calculateStrategy(() -> 0, true), "pending tasks run without waiting");
    }

    @Test
    void anIdleLoopPollsWithinTheWindowAndSleepsAfterIt() throws Exception {
        assertEquals(SelectStrategy.CONTINUE, new BusyPoll(AN_HOUR, 2).newSelectStrategy().calculateStrategy(() -> 0, false));
        assertEquals(SelectStrategy.SELECT, new BusyPoll(0, 2).newSelectStrategy().calculateStrategy(() -> 0, false));
    }

    @Test
    void atMostHalfTheLoopsPollAtOnce() throws Exception {
        BusyPoll busyPoll = new BusyPoll(AN_HOUR, 3);
        SelectStrategy first = busyPoll.newSelectStrategy();
        SelectStrategy second = busyPoll.newSelectStrategy();
        assertEquals(SelectStrategy.CONTINUE, first.calculateStrategy(() -> 0, false));
        assertEquals(SelectStrategy.CONTINUE, first.calculateStrategy(() -> 0, false), "a polling loop keeps its turn");
        assertEquals(SelectStrategy.SELECT, second.calculateStrategy(() -> 0, false), "one of three loops may poll");

        assertEquals(1, first.calculateStrategy(() -> 1, false));
        assertEquals(SelectStrategy.CONTINUE, second.calculateStrategy(() -> 0, false), "an event frees the turn");
        assertEquals(SelectStrategy.SELECT, first.calculateStrategy(() -> 0, false));
    }
}
