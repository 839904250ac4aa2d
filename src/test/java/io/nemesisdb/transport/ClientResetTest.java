package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away in the middle of a pipelined burst is not a server error: its
 * unanswerable requests are dropped quietly, with nothing logged at WARNING or above.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class ClientResetTest {

    @Test
    void aClientThatResetsWithThousandsOfRequestsInFlightLogsNoErrors() throws Exception {
        List<LogRecord> loud = new ArrayList<>();
        Handler counter = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    loud.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(counter);
        try {
            String[] requests = new String[20_000];
            java.util.Arrays.fill(requests, "{\"KV_COUNT\":{}}");
            for (int round = 0; round < 3; round++) {
                WsClient client = TestServer.connect();
                client.sendPipelined(requests);
                client.reset();
            }
            Thread.sleep(2000);
            try (WsClient other = TestServer.connect()) {
                assertEquals(1, Replies.status(other.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
            }
        } finally {
            root.removeHandler(counter);
        }
        synchronized (counter) {
            assertTrue(loud.isEmpty(), () -> loud.size() + " records at WARNING or above, the first: "
                    + loud.getFirst().getLoggerName() + ": " + loud.getFirst().getMessage());
        }
    }
}
