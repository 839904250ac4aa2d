import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the case files: every *.json file under a directory, each a JSON array of cases. */
final class CaseFiles {
    private CaseFiles() {
    }

    /** Reads every *.json file under dir (sorted by path); rejects duplicate ids. */
    @SuppressWarnings("unchecked")
    static List<Case> load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no case directory " + dir + " (use --cases DIR)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Case> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            Object doc;
            try {
                doc = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
            if (!(doc instanceof List<?> list)) {
                throw new IllegalArgumentException(name + ": a case file is a JSON array of cases");
            }
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> m) || !(m.get("id") instanceof String id)
                        || !(m.get("modes") instanceof List<?>) || !(m.get("steps") instanceof List<?>)) {
                    throw new IllegalArgumentException(name + ": every case needs id, modes and steps");
                }
                if (!ids.add(id)) {
                    throw new IllegalArgumentException(name + ": duplicate case id " + id);
                }
                cases.add(new Case(id, name, (Map<String, Object>) m));
            }
        }
        return cases;
    }
}
