package io.nemesisdb.persist;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.nemesisdb.json.JsonValueReader;
import io.nemesisdb.support.TestData;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/** Test helpers around datasets on disk: the 0.6.4 fixtures, copies, and reading what a save wrote. */
final class Datasets {

    private Datasets() {
    }

    /** The persist path of the 0.6.4 fixtures of {@code mode} ("kv" or "sessions"), from src/test/resources. */
    static Path fixtures(String mode) {
        return TestData.fixture("nemesisdb-0.6.4/" + mode);
    }

    /** Copies the dataset folder {@code name} from {@code fromRoot} into {@code toRoot}, replacing an earlier copy. */
    static void copy(Path fromRoot, String name, Path toRoot) throws IOException {
        Path target = toRoot.resolve(name);
        delete(target);
        TestData.copyTree(fromRoot.resolve(name), target);
    }

    /** Deletes {@code path} and everything under it, if it exists. */
    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }

    /** The single data file of the only save of {@code name} under {@code root}. */
    static Path onlyDataFile(Path root, String name) throws IOException {
        Path ts = onlySave(root, name);
        return ts.resolve("data/0");
    }

    /** The only {@code <ts>} directory of {@code name} under {@code root}. */
    static Path onlySave(Path root, String name) throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve(name))) {
            List<Path> saves = entries.toList();
            if (saves.size() != 1) {
                throw new AssertionError("expected one save of " + name + ", found " + saves);
            }
            return saves.get(0);
        }
    }

    /** The saves of {@code name} under {@code root} that are complete {@code <ts>} directories. */
    static List<Path> saves(Path root, String name) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root.resolve(name))) {
            for (Path entry : entries.sorted().toList()) {
                found.add(entry);
            }
        }
        return found;
    }

    /** Parses JSON text keeping number literals exactly, as the server stores them. */
    static JsonValue parseExact(String text) {
        JsonProvider provider = JsonProvider.provider();
        try (JsonParser parser = provider.createParser(new StringReader(text))) {
            return new JsonValueReader(provider).read(parser, parser.next());
        }
    }

    /**
     * The {@code "dataFiles"} member a save of this server writes into {@code md.json} for the data
     * files now in {@code ts/data}, computed here from the files themselves: each file's length and
     * CRC32C, in file order.
     */
    static String dataFilesMember(Path ts) throws IOException {
        StringBuilder member = new StringBuilder("\"dataFiles\":[");
        for (int i = 0; Files.exists(ts.resolve("data/" + i)); i++) {
            byte[] bytes = Files.readAllBytes(ts.resolve("data/" + i));
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(bytes);
            member.append(i == 0 ? "" : ",").append("{\"bytes\":").append(bytes.length)
                    .append(",\"crc32c\":").append(crc.getValue()).append('}');
        }
        return member.append(']').toString();
    }

    /** Removes {@code "dataFiles"} from the {@code md.json} of {@code ts}, as 0.6.4 (which writes none) would have saved it. */
    static void withoutDataFiles(Path ts) throws IOException {
        Path md = ts.resolve("md/md.json");
        Files.writeString(md, read(md).replaceFirst(",\"dataFiles\":\\[[^]]*]", ""));
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
