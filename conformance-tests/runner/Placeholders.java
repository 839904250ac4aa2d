import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A case's variables ({@code run}, {@code maxPayload}, its session's token, what {@code $capture} bound) and
 * the placeholders that use them in messages and reply patterns: "$name" is the value, "${name}" inside a
 * string its text, an object member whose value is "$name?" is left out while name is unbound, and "$$"
 * stands for "$".
 */
final class Placeholders {
    private static final Pattern WHOLE_VAR = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern OPTIONAL_VAR = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)\\?");
    private static final Pattern INNER_VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, Object> vars = new HashMap<>();

    /** The bound variables, for the captures of reply patterns to add to. */
    Map<String, Object> vars() {
        return vars;
    }

    void bind(String name, Object value) {
        vars.put(name, value);
    }

    void unbind(String name) {
        vars.remove(name);
    }

    Object get(String name) {
        return vars.get(name);
    }

    /** Resolves every placeholder in a JSON value, returning a new value. */
    Object resolve(Object template) {
        if (template instanceof String s) {
            if (s.startsWith("$$")) {
                return interpolate(s.substring(1));
            }
            Matcher whole = WHOLE_VAR.matcher(s);
            if (whole.matches()) {
                return variable(whole.group(1));
            }
            return interpolate(s);
        }
        if (template instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = (String) e.getKey();
                Object value = e.getValue();
                if (value instanceof String s && OPTIONAL_VAR.matcher(s).matches()) {
                    String name = s.substring(1, s.length() - 1);
                    if (!vars.containsKey(name)) {
                        continue;
                    }
                    value = "$" + name;
                }
                out.put(key.startsWith("$") ? key : interpolate(key), resolve(value));
            }
            return out;
        }
        if (template instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(resolve(item));
            }
            return out;
        }
        return template;
    }

    private String interpolate(String s) {
        Matcher m = INNER_VAR.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Object v = variable(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v instanceof String str ? str : Json.write(v)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private Object variable(String name) {
        if (!vars.containsKey(name)) {
            throw new IllegalArgumentException("placeholder $" + name + " is not bound");
        }
        return vars.get(name);
    }
}
