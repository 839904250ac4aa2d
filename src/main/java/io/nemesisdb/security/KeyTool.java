package io.nemesisdb.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line tool for access keys, {@code java -jar nemesisdb.jar key ...}:
 * <ul>
 *   <li>{@code key add <name> <role> --file <keys.json>}: makes a random key, stores its hash
 *       under {@code name} with {@code role} in the file (creating it) and prints the key once;</li>
 *   <li>{@code key new}: prints a random key, for {@code nemesis.auth.key};</li>
 *   <li>{@code key hash}: reads a key from standard input and prints its stored form.</li>
 * </ul>
 */
public final class KeyTool {

    static final String USAGE = """
            usage: java -jar nemesisdb.jar key add <name> <admin|readwrite|readonly> --file <keys.json>
                   java -jar nemesisdb.jar key new
                   java -jar nemesisdb.jar key hash < key.txt""";

    private KeyTool() {
    }

    /** Runs the tool; returns the process's exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 1 && args[0].equals("new")) {
                out.println(KeyHash.newKey());
                return 0;
            }
            if (args.length == 1 && args[0].equals("hash")) {
                String key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (key == null || key.isBlank()) {
                    err.println("nemesisdb key hash: no key on standard input");
                    return 2;
                }
                out.println(KeyHash.of(key.strip()));
                return 0;
            }
            if (args.length == 5 && args[0].equals("add") && args[3].equals("--file")) {
                return add(args[1], args[2], Path.of(args[4]), out, err);
            }
        } catch (IOException e) {
            err.println("nemesisdb key: " + e.getMessage());
            return 1;
        }
        err.println(USAGE);
        return 2;
    }

    private static int add(String name, String roleName, Path file, PrintStream out, PrintStream err) throws IOException {
        Role role = Role.named(roleName);
        if (role == null) {
            err.println("nemesisdb key add: role '" + roleName + "' is not admin, readwrite or readonly");
            return 2;
        }
        List<KeyFile.Entry> entries = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                entries.addAll(KeyFile.read(file));
            } catch (KeyFile.KeyFileException e) {
                err.println("nemesisdb key add: " + e.getMessage());
                return 1;
            }
        }
        if (entries.stream().anyMatch(entry -> entry.name().equals(name))) {
            err.println("nemesisdb key add: " + file + " has a key named " + name + " already");
            return 1;
        }
        String key = KeyHash.newKey();
        entries.add(new KeyFile.Entry(name, role, KeyHash.of(key)));
        KeyFile.write(file, entries);
        out.println(key);
        err.println("added " + name + " (" + role.label() + ") to " + file + "; the key above is shown once and stored only as a hash");
        return 0;
    }
}
