package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeySpaceCloseTest {

    private static final JsonObject ONE_KEY = Json.createObjectBuilder().add("a", 1).build();

    static Stream<Arguments> operations() {
        return Stream.of(
                op("get", ks -> ks.get("a")),
                op("getAll of one key", ks -> ks.getAll(List.of("a"))),
                op("getAll of two keys", ks -> ks.getAll(List.of("a", "b"))),
                op("count", KeySpace::count),
                op("keys", KeySpace::keys),
                op("setAll", ks -> ks.setAll(ONE_KEY)),
                op("addAbsent", ks -> ks.addAbsent(ONE_KEY)),
                op("removeAll", ks -> ks.removeAll(List.of("a"))),
                op("clear", KeySpace::clear),
                op("replaceAll", ks -> ks.replaceAll(ONE_KEY)),
                op("read", ks -> ks.read(Map::size)),
                op("write", ks -> ks.write(Map::size)));
    }

    private static Arguments op(String name, Consumer<KeySpace> operation) {
        return Arguments.of(name, operation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyOperationOnAClosedKeySpaceThrowsClosed(String name, Consumer<KeySpace> operation) {
        KeySpace keySpace = new KeySpace();
        keySpace.setAll(ONE_KEY);
        operation.accept(keySpace);
        keySpace.close();
        assertTrue(keySpace.isClosed());
        assertThrows(KeySpace.Closed.class, () -> operation.accept(keySpace));
    }

    @Test
    void closeWaitsForTheWriteInProgress() throws Exception {
        KeySpace keySpace = new KeySpace();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> write = executor.submit(() -> keySpace.write(map -> {
                writing.countDown();
                await(release);
                map.put("a", Json.createValue(1));
                return map.size();
            }));
            assertTrue(writing.await(5, TimeUnit.SECONDS));
            Future<?> close = executor.submit(keySpace::close);
            Thread.sleep(50);
            assertFalse(close.isDone(), "close must wait for the write");
            release.countDown();
            assertEquals(1, write.get(5, TimeUnit.SECONDS));
            close.get(5, TimeUnit.SECONDS);
            assertTrue(keySpace.isClosed());
        } finally {
            executor.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
