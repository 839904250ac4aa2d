import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The datasets a run made the server save, seen in its replies: a save reply ({@code *_SAVE_RSP})
 * with st 120 or 121 names one. A server cannot be asked to delete a dataset, so the runner
 * removes them from the persist path when it is on this machine ({@code --persist-path}), and
 * otherwise lists them for whoever runs the server.
 */
final class SavedDatasets {
    /** A name that is one directory inside the persist path: the protocol's dataset-name rule. */
    private static final Pattern ONE_DIRECTORY = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private SavedDatasets() {
    }

    static void note(Object reply, Set<String> saved) {
        if (reply instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            if (only.getKey() instanceof String name && name.endsWith("_SAVE_RSP") && only.getValue() instanceof Map<?, ?> body
                    && body.get("st") instanceof Json.Num st && (st.text().equals("120") || st.text().equals("121"))
                    && body.get("name") instanceof String dataset) {
                saved.add(dataset);
            }
        }
    }

    static void cleanUp(Set<String> saved, Path persistPath, PrintStream out) {
        if (saved.isEmpty()) {
            return;
        }
        List<String> removable = new ArrayList<>();
        for (String name : saved) {
            if (ONE_DIRECTORY.matcher(name).matches() && !name.equals(".") && !name.equals("..")) {
                removable.add(name);
            } else {
                out.println("the server accepted a save named '" + name + "', which is not one directory name:"
                        + " look for what it wrote in its persist path and remove it by hand");
            }
        }
        if (persistPath == null) {
            out.println("this run saved " + removable.size() + " datasets; remove them from the server's persist path"
                    + " (or pass --persist-path DIR next time): cd <persist path> && rm -r " + String.join(" ", removable));
            return;
        }
        int removed = 0;
        for (String name : removable) {
            Path dataset = persistPath.resolve(name);
            if (Files.isDirectory(dataset, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> files = Files.walk(dataset)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                    removed++;
                } catch (IOException e) {
                    out.println("could not remove the dataset " + dataset + ": " + e);
                }
            }
        }
        out.println("removed the " + removed + " datasets this run saved from " + persistPath);
    }
}
