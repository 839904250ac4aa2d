/*
 * NemesisDB conformance runner: reads the JSON case files, runs each case on a fresh WebSocket
 * connection against a server, prints one line per failing case and a summary, writes a JUnit-XML
 * report. Needs only a JDK 21+ and shares no code with any server. From the repository root:
 *
 *   javac -d target/conformance-runner conformance-tests/runner/*.java
 *   java -cp target/conformance-runner ConformanceRunner --url ws://127.0.0.1:1987/ --mode kv
 *
 * (on a JDK 22+, also: java conformance-tests/runner/ConformanceRunner.java --url … --mode kv).
 * The case format is described in conformance-tests/README.md.
 */

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Entry point: options, case selection, the run loop, the summary and the report. */
public final class ConformanceRunner {

    private ConformanceRunner() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the suite as the options say, printing to {@code out} (and option or case-file errors to
     * {@code err}); returns the exit status: 0 when nothing failed and at least one case passed, 1 when
     * a case failed or none passed, 2 for bad options or case files.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Options options;
        List<Case> cases;
        try {
            options = Options.parse(args);
            if (options == null) {
                out.println(Options.USAGE);
                return 0;
            }
            cases = CaseFiles.load(options.cases());
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        String run = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(new SecureRandom().nextInt(1296), 36);
        out.println("conformance run " + run + ": " + options.url() + ", " + options.mode() + " mode, "
                + cases.size() + " cases in " + options.cases());
        List<Outcome> outcomes = new ArrayList<>();
        Set<String> saved = new TreeSet<>();
        long started = System.nanoTime();
        for (Case c : cases) {
            if (!selected(c, options)) {
                continue;
            }
            String skip = skipReason(c, options);
            if (skip != null) {
                outcomes.add(new Outcome(c, null, skip, 0));
                continue;
            }
            long t0 = System.nanoTime();
            String failure = new CaseRun(c, options, run, outcomes.size(), saved).run();
            outcomes.add(new Outcome(c, failure, null, (System.nanoTime() - t0) / 1_000_000));
            if (failure != null) {
                out.println("FAIL " + c.id() + ": " + failure);
            }
        }
        long passed = outcomes.stream().filter(o -> o.skipReason() == null && o.failure() == null).count();
        long failed = outcomes.stream().filter(o -> o.failure() != null).count();
        long skipped = outcomes.stream().filter(o -> o.skipReason() != null).count();
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        SavedDatasets.cleanUp(saved, options.persistPath(), out);
        if (options.report() != null) {
            JunitReport.write(options.report(), "conformance-" + options.mode(), outcomes,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    /** Whether the case is part of this run at all: its mode, --only and --only-tag (the others count as skipped). */
    private static boolean selected(Case c, Options options) {
        return c.modes().contains(options.mode())
                && (options.only() == null || options.only().matcher(c.id()).find())
                && (options.onlyTags().isEmpty() || c.tags(options.mode()).stream().anyMatch(options.onlyTags()::contains));
    }

    private static String skipReason(Case c, Options options) {
        List<String> tags = c.tags(options.mode());
        for (String tag : tags) {
            if (options.skipTags().contains(tag)) {
                return "tag " + tag + " skipped";
            }
        }
        if (tags.contains("persistence") && !options.persistence()) {
            return "needs persistence on";
        }
        if (tags.contains("no-persistence") && options.persistence()) {
            return "needs persistence off";
        }
        if (tags.contains("max-payload") && options.maxPayload() == null) {
            return "needs --max-payload";
        }
        String key = c.key();
        if (key != null && !key.equals("admin") && !options.keys().containsKey("admin")) {
            return "needs a server with access keys (--auth-key)";
        }
        if (key != null && Set.of("readwrite", "readonly").contains(key) && !options.keys().containsKey(key)) {
            return "needs --key " + key + "=KEY";
        }
        return null;
    }
}
