package io.nemesisdb.bench;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import io.nemesisdb.json.JsonValueReader;
import io.nemesisdb.protocol.EnvelopeParser;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * What reading a request costs: the server's {@link EnvelopeParser} (its own reader working on
 * the message's UTF-8 bytes) against Parsson, the JSON-P implementation that read requests
 * before, through the same value builder, on the same messages, in alternating rounds in one JVM.
 * It reports the thread's processor time per message (not the wall time, which a busy machine
 * inflates), the median of the rounds of each.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.nemesisdb.bench.RequestParseCost [rounds] [messages per round]
 * </pre>
 */
public final class RequestParseCost {

    private static final String VALUE = "\"" + "v".repeat(32) + "\"";

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        String[] messages = new String[1024];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = switch (i % 5) {
                case 0 -> "{\"KV_SET\":{\"keys\":{\"k" + i + "\":" + VALUE + "}}}";
                case 4 -> "{\"KV_GET\":{\"tkn\":1234567890123,\"keys\":[\"k" + i + "\",\"user:" + i + "\"]}}";
                default -> "{\"KV_GET\":{\"keys\":[\"k" + i + "\"]}}";
            };
        }
        byte[][] utf8 = Arrays.stream(messages).map(m -> m.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        EnvelopeParser ours = new EnvelopeParser(1000);
        JsonProvider provider = JsonProvider.provider();
        JsonParserFactory parsson = provider.createParserFactory(Map.of("org.eclipse.parsson.maxDepth", 1001));
        JsonValueReader values = new JsonValueReader(provider);

        double[] oursNs = new double[rounds];
        double[] parssonNs = new double[rounds];
        long sink = 0;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = -2; round < rounds; round++) { // two rounds of warm-up
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                byte[] message = utf8[i & 1023];
                sink += ours.parse(message, message.length).command().length();
            }
            long middle = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                // what the server did before: the message decoded to a String, parsed by Parsson
                byte[] message = utf8[i & 1023];
                try (JsonParser parser = parsson.createParser(new StringReader(new String(message, StandardCharsets.UTF_8)))) {
                    parser.next();
                    parser.next();
                    String command = parser.getString();
                    JsonValue body = values.read(parser, parser.next());
                    parser.next();
                    sink += command.length() + (body != null ? 1 : 0);
                }
            }
            long stop = cpu.getCurrentThreadCpuTime();
            if (round >= 0) {
                oursNs[round] = (middle - start) / (double) perRound;
                parssonNs[round] = (stop - middle) / (double) perRound;
            }
        }
        Arrays.sort(oursNs);
        Arrays.sort(parssonNs);
        double o = oursNs[rounds / 2];
        double p = parssonNs[rounds / 2];
        System.out.printf("processor time per request, median of %d rounds of %,d: own reader %.0f ns, Parsson %.0f ns "
                + "(%.2f× less); range %.0f-%.0f and %.0f-%.0f ns (%d)%n", rounds, perRound, o, p, p / o,
                oursNs[0], oursNs[rounds - 1], parssonNs[0], parssonNs[rounds - 1], sink & 1);
    }
}
