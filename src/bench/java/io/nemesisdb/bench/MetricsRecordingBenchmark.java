package io.nemesisdb.bench;

import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.server.Server;
import io.nemesisdb.command.CommandMeter;
import io.nemesisdb.json.Utf8;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.transport.TransportMeter;
import jakarta.enterprise.inject.spi.CDI;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What metrics add to one request, measured alone: the calls the dispatcher and a transport make
 * for a KV_GET and its reply, on the meters of a started server (run once with
 * {@code -Dmetrics.enabled=true}, once with {@code false} for the meters that record nothing).
 * Two threads, as two connections on the two cores, so that contention on the counters shows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Dserver.port=0", "-Dnemesis.admin-port=0", "-Dnemesis.persist.enabled=false"})
public class MetricsRecordingBenchmark {

    private static final String REQUEST = "{\"KV_GET\":{\"keys\":[\"k123\"]}}";
    private static final String REPLY = "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"k123\":\"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\"}}}";

    private Server server;
    private CommandMeter commands;
    private TransportMeter transport;
    private Runnable kvGetCounter;

    @Setup(Level.Trial)
    public void start() {
        server = Server.builder().build().start();
        commands = CDI.current().select(CommandMeter.class).get();
        transport = CDI.current().select(TransportMeter.class).get();
        kvGetCounter = commands.commandCounter("KV_GET");
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.stop();
    }

    /** The native transport: payload sizes are known from the frames. */
    @Benchmark
    public void requestOnNativeTransport() {
        transport.received(REQUEST.length());
        kvGetCounter.run();
        commands.replied(Status.OK);
        transport.sent(REPLY.length());
    }

    /** The Jakarta transport: sizes are counted from the decoded text. */
    @Benchmark
    public void requestOnJakartaTransport() {
        transport.received(Utf8.length(REQUEST));
        kvGetCounter.run();
        commands.replied(Status.OK);
        transport.sent(Utf8.length(REPLY));
    }
}
