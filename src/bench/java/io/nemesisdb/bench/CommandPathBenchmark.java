package io.nemesisdb.bench;

import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.server.Server;
import io.nemesisdb.command.CommandDispatcher;
import io.nemesisdb.protocol.EnvelopeParser;
import io.nemesisdb.protocol.ReplySink;
import io.nemesisdb.security.Role;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The command path without the network: a request message through the real
 * {@link CommandDispatcher} (started with the server's CDI container, KV mode) to its reply
 * string, and the envelope parse on its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Dserver.port=0", "-Dnemesis.admin-port=0", "-Dnemesis.persist.enabled=false"})
public class CommandPathBenchmark {

    private static final String VALUE = "\"" + "v".repeat(32) + "\"";

    private Server server;
    private CommandDispatcher dispatcher;
    private EnvelopeParser parser;
    private String[] gets;
    private String[] sets;
    private int next;
    private ReplySink sink;

    @Setup(Level.Trial)
    public void start(Blackhole hole) {
        sink = hole::consume;
        server = Server.builder().build().start();
        dispatcher = CDI.current().select(CommandDispatcher.class).get();
        parser = new EnvelopeParser(1000);
        gets = new String[1024];
        sets = new String[1024];
        for (int i = 0; i < gets.length; i++) {
            gets[i] = "{\"KV_GET\":{\"keys\":[\"k" + i * 7 + "\"]}}";
            sets[i] = "{\"KV_SET\":{\"keys\":{\"k" + i * 7 + "\":" + VALUE + "}}}";
        }
        for (String set : sets) {
            dispatcher.onText(set, reply -> { }, Role.ADMIN);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.stop();
    }

    @Benchmark
    public void kvGet() {
        dispatcher.onText(gets[next++ & 1023], sink, Role.ADMIN);
    }

    @Benchmark
    public void kvSet() {
        dispatcher.onText(sets[next++ & 1023], sink, Role.ADMIN);
    }

    @Benchmark
    public Object parseOnly() {
        return parser.parse(sets[next++ & 1023]);
    }
}
