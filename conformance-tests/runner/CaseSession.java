import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session a case declares with {@code "session": "<variable>"}: in sessions mode the runner opens it
 * before the case's first step and binds its token to the variable, which the case's KV_ requests and
 * replies carry as {@code "tkn": "$<variable>?"}; in kv mode the variable stays unbound and those members
 * are left out, so one case covers both modes.
 */
final class CaseSession {
    private CaseSession() {
    }

    /** Whether the case opens its session in this mode. */
    static boolean opens(Case testCase, String mode) {
        return mode.equals("sessions") && testCase.sessionVariable() != null;
    }

    /** The request that opens the session of the run's case number {@code index}. */
    static String request(String run, int index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "conformance-" + run + "-" + index);
        return Json.write(Map.of("SH_NEW", body));
    }

    /** The new session's token, from the reply to {@link #request}. */
    static Object token(String replyText) throws Mismatch {
        Object reply = Json.parse(replyText);
        if (reply instanceof Map<?, ?> m && m.get("SH_NEW_RSP") instanceof Map<?, ?> rsp
                && rsp.get("st") instanceof Json.Num st && st.value().intValue() == 1
                && rsp.get("tkn") instanceof Json.Num token) {
            return token;
        }
        throw new Mismatch("the case's session: SH_NEW failed: " + Json.write(reply));
    }
}
