package io.nemesisdb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ceiling of request-reply traffic on this machine, without any server logic: a TCP echo
 * server with one thread per connection (virtual, as Helidon uses, or platform) and 4 blocking
 * clients each sending 40 bytes and waiting for them back. Compare its round trips per second
 * with the load generator's window-1 figures.
 *
 * <p>Usage: {@code java -cp target/test-classes io.nemesisdb.bench.LoopbackEcho [virtual|platform] [connections] [seconds]}
 */
public final class LoopbackEcho {

    private static final int MESSAGE_BYTES = 40;

    private LoopbackEcho() {
    }

    public static void main(String[] args) throws Exception {
        boolean virtual = args.length == 0 || args[0].equals("virtual");
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread.ofPlatform().daemon().start(() -> accept(server, virtual));
            LongAdder roundTrips = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] clients = new Thread[connections];
            for (int i = 0; i < connections; i++) {
                clients[i] = Thread.ofPlatform().start(() -> ping(server.getLocalPort(), roundTrips, stop));
            }
            Thread.sleep(2000);
            long before = roundTrips.sum();
            Thread.sleep(seconds * 1000L);
            long measured = roundTrips.sum() - before;
            stop.set(true);
            for (Thread client : clients) {
                client.join();
            }
            System.out.printf("%s server threads, %d connections: %,d round trips/s%n",
                    virtual ? "virtual" : "platform", connections, measured / seconds);
        }
    }

    private static void accept(ServerSocket server, boolean virtual) {
        try {
            while (true) {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Runnable echo = () -> echo(socket);
                if (virtual) {
                    Thread.ofVirtual().start(echo);
                } else {
                    Thread.ofPlatform().daemon().start(echo);
                }
            }
        } catch (IOException e) {
            // the server socket closed: the run is over
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[256];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void ping(int port, LongAdder roundTrips, AtomicBoolean stop) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] message = new byte[MESSAGE_BYTES];
            while (!stop.get()) {
                out.write(message);
                int received = 0;
                while (received < MESSAGE_BYTES) {
                    int read = in.read(message, received, MESSAGE_BYTES - received);
                    if (read < 0) {
                        return;
                    }
                    received += read;
                }
                roundTrips.increment();
            }
        } catch (IOException e) {
            throw new IllegalStateException("echo client failed", e);
        }
    }
}
