package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StripedCounterTest {

    @Test
    void countsEveryChangeFromManyThreads() throws Exception {
        StripedCounter counter = new StripedCounter();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            Thread.Builder builder = t % 2 == 0 ? Thread.ofVirtual() : Thread.ofPlatform();
            threads.add(builder.start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counter.increment();
                    counter.add(3);
                    counter.decrement();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(64L * 10_000 * 3, counter.sum());
    }
}
