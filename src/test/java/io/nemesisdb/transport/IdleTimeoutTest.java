package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * {@code nemesis.idle-timeout}: a client that sends nothing for that long is closed with 1000,
 * one that keeps sending (requests or pings) is not; {@code nemesis.handshake-timeout}: a
 * connection that never completes its handshake is dropped.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.idle-timeout", value = "2")
@AddConfig(key = "nemesis.handshake-timeout", value = "1")
class IdleTimeoutTest {

    @Inject
    ServerSettings settings;

    // both in the same twice the idle timeout: the idle client's close waits in its socket meanwhile
    @Test
    void aClientThatSendsNothingIsClosedWith1000WhileOneThatKeepsPingingStaysOpen() throws Exception {
        try (WsClient idle = TestServer.connect(); WsClient busy = TestServer.connect()) {
            for (int i = 0; i < 8; i++) {
                Thread.sleep(500);
                busy.sendPing(new byte[] {(byte) i});
                WsClient.Frame pong = busy.receive(5000);
                assertEquals(10, pong.opcode(), () -> "expected a pong, got " + pong);
            }
            assertEquals(1, Replies.status(busy.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
            assertEquals(1000, idle.awaitClose(15_000));
        }
    }

    @Test
    void aConnectionThatSendsNoHandshakeIsDropped() throws Exception {
        assertDropped("");
    }

    /** Helidon 4.2.6 times out only the request line, so on the jakarta transport a stall in the headers is not bounded. */
    @Test
    void aConnectionThatStallsInItsHandshakeIsDropped() throws Exception {
        assumeTrue(settings.transport() == Transport.NETTY, "only the netty transport bounds the whole handshake");
        assertDropped("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    }

    private static void assertDropped(String sent) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", TestServer.port()), 5000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            int read;
            try {
                do {
                    read = in.read();
                } while (read >= 0);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the connection was not dropped within 15 s", e);
            } catch (java.net.SocketException e) {
                // reset: dropped
            }
        }
    }
}
