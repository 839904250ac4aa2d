import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One case as read from a case file: its id, the file it came from (relative to the case directory) and its JSON. */
record Case(String id, String file, Map<String, Object> json) {

    /** The modes the case runs in. */
    @SuppressWarnings("unchecked")
    List<String> modes() {
        return (List<String>) json.get("modes");
    }

    /** The case's tags plus those its modeTags adds for the given mode. */
    @SuppressWarnings("unchecked")
    List<String> tags(String mode) {
        List<String> tags = new ArrayList<>((List<String>) json.getOrDefault("tags", List.of()));
        if (json.get("modeTags") instanceof Map<?, ?> byMode && byMode.get(mode) instanceof List<?> extra) {
            tags.addAll((List<String>) extra);
        }
        return tags;
    }

    /** The key a case connects with ({@code "connect":{"key":…}}): a role, none or wrong; null: the runner's admin key, if any. */
    String key() {
        return json.get("connect") instanceof Map<?, ?> connect && connect.get("key") instanceof String key ? key : null;
    }

    /** The Origin header the case's connections send ({@code "connect":{"origin":…}}), or null. */
    String origin() {
        return json.get("connect") instanceof Map<?, ?> connect && connect.get("origin") instanceof String origin ? origin : null;
    }

    /** The variable the token of the case's own session is bound to in sessions mode ({@code "session"}), or null. */
    String sessionVariable() {
        return json.get("session") instanceof String variable ? variable : null;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps() {
        return (List<Map<String, Object>>) json.get("steps");
    }
}
