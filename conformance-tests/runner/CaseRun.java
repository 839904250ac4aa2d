import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs one case on its own connection: its session, then each step's sends and expectations, matching replies. */
final class CaseRun {
    private static final Set<String> STEP_KEYS = Set.of("send", "sendText", "sendBinary", "sendTextHex",
            "sendFragments", "sendSized", "ping", "close", "closePayloadHex", "sendRawHex", "sleep", "expect",
            "expectLater", "expectNone", "expectClose", "expectPong", "awaitLater", "reconnect", "expectRefused", "comment");

    private final Case testCase;
    private final Options options;
    private final Placeholders placeholders = new Placeholders();
    private final List<Object> later = new ArrayList<>();
    private final int index;
    private final Set<String> saved;
    private WsClient ws;

    /**
     * @param run the run's name ({@code ${run}})
     * @param index the case's number in the run, which names its session
     * @param saved where the names of the datasets the server saved are collected
     */
    CaseRun(Case testCase, Options options, String run, int index, Set<String> saved) {
        this.testCase = testCase;
        this.options = options;
        this.index = index;
        this.saved = saved;
        placeholders.bind("run", run);
        if (options.maxPayload() != null) {
            placeholders.bind("maxPayload", Json.Num.of(options.maxPayload()));
        }
    }

    /** Returns null when the case passed, else what differed. */
    String run() {
        List<Map<String, Object>> steps = testCase.steps();
        int stepNo = 0;
        try {
            if (!steps.isEmpty() && !steps.get(0).containsKey("expectRefused")) {
                ws = connect();
            }
            if (CaseSession.opens(testCase, options.mode())) {
                sendText(CaseSession.request((String) placeholders.get("run"), index));
                placeholders.bind(testCase.sessionVariable(),
                        CaseSession.token(nextText("the SH_NEW_RSP of the case's session")));
            }
            for (Map<String, Object> step : steps) {
                stepNo++;
                runStep(step);
            }
            stepNo = 0;
            awaitLater();
            expectNothingQueued();
            return null;
        } catch (Mismatch e) {
            return (stepNo > 0 ? "step " + stepNo + ": " : "") + e.getMessage();
        } catch (IOException e) {
            return (stepNo > 0 ? "step " + stepNo + ": " : "") + "I/O error: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return "runner error: " + e;
        } finally {
            if (ws != null) {
                ws.close();
            }
        }
    }

    /** Opens a connection as the case says: with its key (or the admin key) and its Origin. */
    private WsClient connect() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String key = testCase.key();
        String sent = key == null ? options.keys().get("admin") : switch (key) {
            case "none" -> null;
            case "wrong" -> "not-a-key-" + placeholders.get("run");
            default -> options.keys().get(key);
        };
        if (sent != null) {
            headers.put("Authorization", "Bearer " + sent);
        }
        if (testCase.origin() != null) {
            headers.put("Origin", testCase.origin());
        }
        return new WsClient(options.url(), (int) options.timeoutMs(), headers, options.tls(), options.verifyHost());
    }

    /** A step that expects the server to refuse the case's handshake with this HTTP status. */
    private void expectRefused(int status) throws Mismatch {
        try {
            WsClient accepted = connect();
            accepted.close();
            throw new Mismatch("expected the handshake to be refused with " + status + ", it was accepted");
        } catch (WsClient.HandshakeRefused refused) {
            if (refused.status != status) {
                throw new Mismatch("expected the handshake to be refused with " + status + ", got " + refused.getMessage());
            }
        } catch (IOException e) {
            throw new Mismatch("expected the handshake to be refused with " + status + ", got " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private void runStep(Map<String, Object> step) throws IOException, InterruptedException, Mismatch {
        for (String key : step.keySet()) {
            if (!STEP_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown step member " + key);
            }
        }
        if (step.get("sleep") instanceof Json.Num ms) {
            Thread.sleep(ms.value().longValue());
        }
        if (Boolean.TRUE.equals(step.get("reconnect"))) {
            awaitLater();
            ws.close();
            ws = connect();
        }
        if (step.get("expectRefused") instanceof Json.Num status) {
            expectRefused(status.value().intValue());
            return;
        }
        if (step.containsKey("send")) {
            sendText(Json.write(placeholders.resolve(step.get("send"))));
        } else if (step.containsKey("sendText")) {
            sendText((String) placeholders.resolve(step.get("sendText")));
        } else if (step.containsKey("sendBinary")) {
            ws.sendMessage(0x2, ((String) placeholders.resolve(step.get("sendBinary"))).getBytes(StandardCharsets.UTF_8), 1);
        } else if (step.containsKey("sendTextHex")) {
            ws.sendMessage(0x1, HexFormat.of().parseHex((String) step.get("sendTextHex")), 1);
        } else if (step.containsKey("sendFragments")) {
            // one frame per item: a text frame, then continuation frames, the last one final
            List<Object> frames = (List<Object>) step.get("sendFragments");
            for (int k = 0; k < frames.size(); k++) {
                byte[] payload = ((String) placeholders.resolve(frames.get(k))).getBytes(StandardCharsets.UTF_8);
                ws.send(k == 0 ? 0x1 : 0x0, payload, k == frames.size() - 1);
            }
        } else if (step.containsKey("sendSized")) {
            sendSized((Map<String, Object>) step.get("sendSized"));
        } else if (step.containsKey("ping")) {
            ws.send(0x9, ((String) step.get("ping")).getBytes(StandardCharsets.UTF_8), true);
        } else if (step.containsKey("close")) {
            int code = ((Json.Num) step.get("close")).value().intValue();
            ws.send(0x8, new byte[] {(byte) (code >>> 8), (byte) code}, true);
        } else if (step.containsKey("closePayloadHex")) {
            ws.send(0x8, HexFormat.of().parseHex((String) step.get("closePayloadHex")), true);
        } else if (step.containsKey("sendRawHex")) {
            ws.sendRaw(HexFormat.of().parseHex((String) step.get("sendRawHex")));
        }
        if (step.containsKey("expectLater")) {
            Object patterns = step.get("expectLater");
            later.addAll(patterns instanceof List<?> list ? list : List.of(patterns));
        }
        if (step.containsKey("expect")) {
            Object patterns = step.get("expect");
            for (Object pattern : patterns instanceof List<?> list ? list : List.of(patterns)) {
                expectReply(pattern);
            }
        } else if (step.containsKey("expectNone")) {
            expectNone(((Json.Num) step.get("expectNone")).value().longValue());
        } else if (step.containsKey("expectClose")) {
            expectClose(((Json.Num) step.get("expectClose")).value().intValue());
        } else if (step.containsKey("expectPong")) {
            expectPong((String) step.get("expectPong"));
        }
        if (Boolean.TRUE.equals(step.get("awaitLater"))) {
            awaitLater();
        }
    }

    private void sendText(String text) throws IOException {
        ws.sendMessage(0x1, text.getBytes(StandardCharsets.UTF_8), 1);
    }

    /** A JSON message whose "$pad" string is filled with 'x' so that it has exactly the size asked for. */
    private void sendSized(Map<String, Object> spec) throws IOException, Mismatch {
        long target = options.maxPayload() + ((Json.Num) spec.get("maxPayloadPlus")).value().longValue();
        int fragments = spec.get("fragments") instanceof Json.Num f ? f.value().intValue() : 1;
        placeholders.bind("pad", "");
        int base = Json.write(placeholders.resolve(spec.get("message"))).getBytes(StandardCharsets.UTF_8).length;
        if (target < base || target > Integer.MAX_VALUE - 16) {
            throw new Mismatch("cannot build a message of " + target + " bytes (the template alone has " + base + ")");
        }
        placeholders.bind("pad", "x".repeat((int) (target - base)));
        byte[] bytes = Json.write(placeholders.resolve(spec.get("message"))).getBytes(StandardCharsets.UTF_8);
        placeholders.unbind("pad");
        try {
            ws.sendMessage(0x1, bytes, fragments);
        } catch (IOException e) {
            // the server may close the connection before it has read an oversized message;
            // the close frame it sent first is what the next expectation checks
        }
    }

    /** Next text message; replies that satisfy a pending expectLater pattern are consumed on the way. */
    private String nextText(String waitingFor) throws InterruptedException, Mismatch {
        long deadline = System.nanoTime() + options.timeoutMs() * 1_000_000;
        while (true) {
            WsClient.Event e = ws.next(deadline);
            if (e == null) {
                throw new Mismatch("timed out after " + options.timeoutMs() + " ms waiting for " + waitingFor);
            }
            if (e.kind().equals("pong")) {
                continue;
            }
            if (!e.kind().equals("text")) {
                throw new Mismatch("expected " + waitingFor + ", got " + e.describe());
            }
            if (!consumeLater(e.text())) {
                return e.text();
            }
        }
    }

    private boolean consumeLater(String text) {
        Object reply;
        try {
            reply = Json.parse(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
        SavedDatasets.note(reply, saved);
        for (int k = 0; k < later.size(); k++) {
            if (ReplyMatcher.match(placeholders.resolve(later.get(k)), reply, placeholders.vars()) == null) {
                later.remove(k);
                return true;
            }
        }
        return false;
    }

    private void expectReply(Object pattern) throws InterruptedException, Mismatch {
        Object resolved = placeholders.resolve(pattern);
        String text = nextText(Json.write(resolved));
        Object reply;
        try {
            reply = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Mismatch("reply is not valid JSON (" + e.getMessage() + "): " + text);
        }
        String diff = ReplyMatcher.match(resolved, reply, placeholders.vars());
        if (diff != null) {
            throw new Mismatch(diff + "; expected " + Json.write(resolved) + ", got " + text);
        }
    }

    private void expectNone(long millis) throws InterruptedException, Mismatch {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            WsClient.Event e = ws.next(deadline);
            if (e == null) {
                return;
            }
            if (e.kind().equals("text") && consumeLater(e.text()) || e.kind().equals("pong")) {
                continue;
            }
            throw new Mismatch("expected nothing within " + millis + " ms, got " + e.describe());
        }
    }

    private void expectClose(int code) throws InterruptedException, Mismatch {
        long deadline = System.nanoTime() + options.timeoutMs() * 1_000_000;
        while (true) {
            WsClient.Event e = ws.next(deadline);
            if (e == null) {
                throw new Mismatch("timed out waiting for a close frame with code " + code);
            }
            if (e.kind().equals("pong")) {
                continue;
            }
            if (!e.kind().equals("close") || e.closeCode() != code) {
                throw new Mismatch("expected a close frame with code " + code + ", got " + e.describe());
            }
            return;
        }
    }

    private void expectPong(String payload) throws InterruptedException, Mismatch {
        WsClient.Event e = ws.next(System.nanoTime() + options.timeoutMs() * 1_000_000);
        if (e == null) {
            throw new Mismatch("timed out waiting for a pong");
        }
        if (!e.kind().equals("pong") || !e.text().equals(payload)) {
            throw new Mismatch("expected pong \"" + payload + "\", got " + e.describe()
                    + (e.kind().equals("pong") ? " \"" + e.text() + "\"" : ""));
        }
    }

    /** The server never sends unsolicited messages: nothing may be left unread when a case ends. */
    private void expectNothingQueued() throws InterruptedException, Mismatch {
        WsClient.Event e;
        while (ws != null && (e = ws.next(System.nanoTime())) != null) {
            if (!e.kind().equals("pong") && !e.kind().equals("close") && !e.kind().equals("eof")) {
                throw new Mismatch("unexpected " + e.describe() + " after the last step");
            }
        }
    }

    /** Waits until every pending expectLater pattern has been matched; any other message is a mismatch. */
    private void awaitLater() throws InterruptedException, Mismatch {
        long deadline = System.nanoTime() + options.timeoutMs() * 1_000_000;
        while (!later.isEmpty()) {
            String waitingFor = Json.write(placeholders.resolve(later.get(0)));
            WsClient.Event e = ws.next(deadline);
            if (e == null) {
                throw new Mismatch("timed out after " + options.timeoutMs() + " ms waiting for " + waitingFor);
            }
            if (e.kind().equals("pong") || e.kind().equals("text") && consumeLater(e.text())) {
                continue;
            }
            throw new Mismatch("expected " + waitingFor + ", got " + e.describe());
        }
    }
}
