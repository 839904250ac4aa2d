package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.RawHttp;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A flood of connections on a server that may open few files: the connection limit is lowered to
 * fit the open-files limit, connections past it are refused (503) or wait, none of this stops the
 * listener, and once the flood is gone a new client is served and the server is ready.
 */
@ChildServersOnly
@TransportTest
class FileLimitTest {

    private static final int FILES = 1024;
    private static final int CLIENTS = 1300;

    @Test
    void aFloodOfConnectionsPastTheOpenFilesLimitNeverStopsTheListener() throws Exception {
        try (ServerProcess server = ServerProcess.startWithFileLimit(FILES, Map.of())) {
            int port = server.awaitReady();
            java.util.regex.Matcher lowered = java.util.regex.Pattern.compile("at most (\\d+) connections are admitted")
                    .matcher(String.join("\n", server.stderr()));
            assertTrue(lowered.find(), () -> "no warning about the lowered limit: " + server.stderr());
            int admitted = Integer.parseInt(lowered.group(1));
            List<Socket> sockets = new CopyOnWriteArrayList<>();
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.submit(() -> outcomes.computeIfAbsent(handshake(port, sockets), any -> new AtomicInteger()).incrementAndGet());
                }
                clients.shutdown();
                assertTrue(clients.awaitTermination(120, TimeUnit.SECONDS), "the clients did not finish");
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            assertTrue(outcomes.containsKey("101"), () -> "no client was served: " + outcomes + " " + server.stderr());
            assertTrue(outcomes.getOrDefault("101", new AtomicInteger()).get() <= admitted, () -> "too many served: " + outcomes);
            assertTrue(outcomes.containsKey("503"), () -> "no client was refused: " + outcomes);

            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                try (WsClient client = WsClient.connect(port)) {
                    assertEquals(1, Replies.status(client.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
                    break;
                } catch (IOException e) {
                    assertTrue(System.currentTimeMillis() < deadline, () -> "no client served after the flood: " + e + " " + outcomes);
                    Thread.sleep(200);
                }
            }
            assertEquals(200, AdminClient.get(server.adminPort(), "/health/ready").status());
            assertEquals(200, AdminClient.get(server.adminPort(), "/health/live").status());
        }
    }

    /** Opens a socket, sends a handshake and returns the response's status, or what went wrong; the socket stays open. */
    private static String handshake(int port, List<Socket> sockets) {
        Socket socket = new Socket();
        sockets.add(socket);
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(RawHttp.handshake("GET / HTTP/1.1").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return parts.length > 1 ? parts[1] : "closed";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }
}
