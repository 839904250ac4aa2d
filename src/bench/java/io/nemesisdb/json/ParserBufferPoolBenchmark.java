package io.nemesisdb.json;

import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import org.eclipse.parsson.api.BufferPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsson's shared buffer pool (a concurrent queue) against {@link ThreadLocalBufferPool}, with
 * two threads parsing a request at once as two connections do on this 2-core machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class ParserBufferPoolBenchmark {

    private static final String REQUEST = "{\"KV_SET\":{\"keys\":{\"k123\":\"" + "v".repeat(32) + "\"}}}";

    @Param({"parsson", "thread-local"})
    public String pool;

    private JsonParserFactory parsers;

    @Setup
    public void create() {
        Map<String, Object> config = pool.equals("parsson") ? Map.of()
                : Map.of(BufferPool.class.getName(), new ThreadLocalBufferPool());
        parsers = JsonProvider.provider().createParserFactory(config);
    }

    @Benchmark
    public void parseEvents(Blackhole hole) {
        try (JsonParser parser = parsers.createParser(new StringReader(REQUEST))) {
            while (parser.hasNext()) {
                hole.consume(parser.next());
            }
        }
    }
}
