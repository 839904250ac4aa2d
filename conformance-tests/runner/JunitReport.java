import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the outcomes as a JUnit-XML testsuite. */
final class JunitReport {
    private JunitReport() {
    }

    static void write(Path file, String suite, List<Outcome> outcomes, long millis) throws IOException {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(outcomes.size())
                .append("\" failures=\"").append(outcomes.stream().filter(o -> o.failure() != null).count())
                .append("\" errors=\"0\" skipped=\"").append(outcomes.stream().filter(o -> o.skipReason() != null).count())
                .append("\" time=\"").append(seconds(millis)).append("\">\n");
        for (Outcome o : outcomes) {
            String file0 = o.testCase().file();
            x.append("  <testcase classname=\"").append(esc(suite + "." + file0.replaceAll("\\.json$", "").replace('/', '.')))
                    .append("\" name=\"").append(esc(o.testCase().id())).append("\" time=\"").append(seconds(o.millis())).append('"');
            if (o.failure() != null) {
                x.append(">\n    <failure message=\"").append(esc(o.failure())).append("\"/>\n  </testcase>\n");
            } else if (o.skipReason() != null) {
                x.append(">\n    <skipped message=\"").append(esc(o.skipReason())).append("\"/>\n  </testcase>\n");
            } else {
                x.append("/>\n");
            }
        }
        x.append("</testsuite>\n");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, x, StandardCharsets.UTF_8);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
