import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a reply against a pattern {"NAME_RSP":{members}}: the name must agree, every member the
 * pattern names must match (m is never compared), other members are ignored. Values match as JSON
 * equality unless the pattern uses an operator object ({"$any":true}, {"$type":"uint"}, ...).
 */
final class ReplyMatcher {
    private static final Set<String> OPERATORS = Set.of("$any", "$absent", "$type", "$oneOf", "$not", "$range",
            "$unordered", "$capture", "$literal");

    private ReplyMatcher() {
    }

    /** Returns null on a match (and then binds captures into vars), else a description of the difference. */
    static String match(Object pattern, Object reply, Map<String, Object> vars) {
        Map<?, ?> p = (Map<?, ?>) pattern;
        String name = (String) p.keySet().iterator().next();
        if (!(reply instanceof Map<?, ?> r) || r.size() != 1) {
            return "reply is not an object with one member";
        }
        if (!r.containsKey(name)) {
            return "reply name is " + r.keySet().iterator().next() + ", not " + name;
        }
        if (!(r.get(name) instanceof Map<?, ?> body)) {
            return name + " is not an object";
        }
        Map<String, Object> captures = new HashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) p.get(name)).entrySet()) {
            String member = (String) e.getKey();
            if (member.equals("m")) {
                continue;
            }
            Object expected = e.getValue();
            if (isOperator(expected) && ((Map<?, ?>) expected).containsKey("$absent")) {
                if (body.containsKey(member)) {
                    return member + " should be absent";
                }
                continue;
            }
            if (!body.containsKey(member)) {
                return member + " is missing";
            }
            String diff = value(expected, body.get(member), member, captures);
            if (diff != null) {
                return diff;
            }
        }
        vars.putAll(captures);
        return null;
    }

    static boolean isOperator(Object v) {
        return v instanceof Map<?, ?> m && !m.isEmpty() && OPERATORS.containsAll(m.keySet());
    }

    private static String value(Object expected, Object actual, String where, Map<String, Object> captures) {
        if (isOperator(expected)) {
            return operator((Map<?, ?>) expected, actual, where, captures);
        }
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) {
                return where + " is not an object";
            }
            if (!a.keySet().equals(e.keySet())) {
                return where + " has members " + a.keySet() + ", expected " + e.keySet();
            }
            for (Object k : e.keySet()) {
                String diff = value(e.get(k), a.get(k), where + "." + k, captures);
                if (diff != null) {
                    return diff;
                }
            }
            return null;
        }
        if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                return where + " differs";
            }
            for (int k = 0; k < e.size(); k++) {
                String diff = value(e.get(k), a.get(k), where + "[" + k + "]", captures);
                if (diff != null) {
                    return diff;
                }
            }
            return null;
        }
        return Json.same(expected, actual) ? null : where + " differs";
    }

    private static String operator(Map<?, ?> op, Object actual, String where, Map<String, Object> captures) {
        for (Map.Entry<?, ?> e : op.entrySet()) {
            Object arg = e.getValue();
            String diff = switch ((String) e.getKey()) {
                case "$any", "$absent" -> null;
                case "$literal" -> Json.same(arg, actual) ? null : where + " differs";
                case "$capture" -> {
                    captures.put((String) arg, actual);
                    yield null;
                }
                case "$type" -> hasType(actual, (String) arg) ? null : where + " is not of type " + arg;
                case "$range" -> {
                    List<?> bounds = (List<?>) arg;
                    yield actual instanceof Json.Num n
                            && n.value().compareTo(((Json.Num) bounds.get(0)).value()) >= 0
                            && n.value().compareTo(((Json.Num) bounds.get(1)).value()) <= 0
                            ? null : where + " is not within " + Json.write(bounds);
                }
                case "$oneOf" -> {
                    for (Object alternative : (List<?>) arg) {
                        if (value(alternative, actual, where, new HashMap<>()) == null) {
                            yield null;
                        }
                    }
                    yield where + " matches none of " + Json.write(arg);
                }
                case "$not" -> value(arg, actual, where, new HashMap<>()) == null
                        ? where + " must not match " + Json.write(arg) : null;
                case "$unordered" -> unordered((List<?>) arg, actual, where);
                default -> throw new IllegalStateException(e.getKey().toString());
            };
            if (diff != null) {
                return diff;
            }
        }
        return null;
    }

    private static String unordered(List<?> expected, Object actual, String where) {
        if (!(actual instanceof List<?> a) || a.size() != expected.size()) {
            return where + " differs (any order)";
        }
        List<Object> left = new ArrayList<>(a);
        for (Object e : expected) {
            int hit = -1;
            for (int k = 0; k < left.size() && hit < 0; k++) {
                if (value(e, left.get(k), where, new HashMap<>()) == null) {
                    hit = k;
                }
            }
            if (hit < 0) {
                return where + " differs (any order): " + Json.write(e) + " not found";
            }
            left.remove(hit);
        }
        return null;
    }

    private static boolean hasType(Object v, String type) {
        return switch (type) {
            case "string" -> v instanceof String;
            case "number" -> v instanceof Json.Num;
            case "uint" -> v instanceof Json.Num n && n.text().matches("0|[1-9][0-9]*");
            case "boolean" -> v instanceof Boolean;
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "null" -> v == null;
            default -> throw new IllegalArgumentException("unknown $type " + type);
        };
    }
}
