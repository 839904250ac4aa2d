package io.nemesisdb.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Which request each reply belongs to, by the protocol's reply rules, without a network. */
class ReplyMatcherTest {

    private final ReplyMatcher matcher = new ReplyMatcher();

    private ReplyMatcher.Pending send(String command, String token) {
        ReplyMatcher.Kind kind = ReplyMatcher.isQuiet(command) ? ReplyMatcher.Kind.QUIET
                : ReplyMatcher.isSave(command) ? ReplyMatcher.Kind.SAVE : ReplyMatcher.Kind.ONE;
        ReplyMatcher.Pending request = new ReplyMatcher.Pending(command, token, ReplyMatcher.isSave(command) ? "n" : null, kind);
        matcher.add(request);
        return request;
    }

    private void reply(String json) throws Exception {
        JsonObject message = Json.createReader(new StringReader(json)).readObject();
        matcher.onReply(message).forEach(Runnable::run);
    }

    private static int st(ReplyMatcher.Pending request) {
        JsonObject last = request.replies.join().getLast();
        return last.getJsonObject(last.keySet().iterator().next()).getInt("st");
    }

    @Test
    void repliesGoToRequestsInOrder() throws Exception {
        ReplyMatcher.Pending get = send("KV_GET", null);
        ReplyMatcher.Pending count = send("KV_COUNT", null);
        reply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{}}}");
        reply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":3}}");
        assertEquals(1, st(get));
        assertEquals(3, count.replies.join().getFirst().getJsonObject("KV_COUNT_RSP").getInt("cnt"));
    }

    @Test
    void aQuietCommandSucceedsWhenTheNextReplyIsAnothersAndFailsWithItsOwnError() throws Exception {
        ReplyMatcher.Pending quiet = send("KV_SETQ", null);
        ReplyMatcher.Pending failing = send("KV_ADDQ", null);
        ReplyMatcher.Pending count = send("KV_COUNT", null);
        reply("{\"KV_ADDQ_RSP\":{\"st\":42}}");
        assertFalse(quiet.replies.isDone(), "a quiet command is settled by a reply to a later request, not by a quiet error");
        assertEquals(42, st(failing));
        reply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0}}");
        assertEquals(List.of(), quiet.replies.join());
        assertEquals(1, st(count));
    }

    @Test
    void quietErrorsGoToTheSessionTheirTokenNames() throws Exception {
        ReplyMatcher.Pending first = send("KV_SETQ", "1");
        ReplyMatcher.Pending second = send("KV_SETQ", "18446744073709551615");
        ReplyMatcher.Pending fence = send("KV_COUNT", null);
        reply("{\"KV_SETQ_RSP\":{\"st\":100,\"tkn\":18446744073709551615}}");
        assertEquals(100, st(second));
        reply("{\"KV_COUNT_RSP\":{\"st\":101,\"tkn\":null}}");
        assertEquals(List.of(), first.replies.join());
        assertEquals(101, st(fence));
    }

    @Test
    void whenSomeOfSeveralLikeQuietCommandsFailEachOfThemFailsRatherThanOneBeingReportedStored() throws Exception {
        ReplyMatcher.Pending first = send("KV_SETQ", null);
        ReplyMatcher.Pending second = send("KV_SETQ", null);
        send("KV_COUNT", null);
        reply("{\"KV_SETQ_RSP\":{\"st\":16}}");
        reply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0}}");
        for (ReplyMatcher.Pending quiet : List.of(first, second)) {
            CompletionException failure = assertThrows(CompletionException.class, quiet.replies::join);
            NemesisStatusException status = (NemesisStatusException) failure.getCause();
            assertEquals(16, status.st());
            assertTrue(status.getMessage().contains("does not tell which"), status.getMessage());
        }
    }

    @Test
    void whenEveryOneOfLikeQuietCommandsFailsEachHasItsError() throws Exception {
        ReplyMatcher.Pending first = send("KV_SETQ", null);
        ReplyMatcher.Pending second = send("KV_SETQ", null);
        reply("{\"KV_SETQ_RSP\":{\"st\":15,\"m\":\"one\"}}");
        reply("{\"KV_SETQ_RSP\":{\"st\":15,\"m\":\"two\"}}");
        assertEquals("one", first.replies.join().getFirst().getJsonObject("KV_SETQ_RSP").getString("m"));
        assertEquals("two", second.replies.join().getFirst().getJsonObject("KV_SETQ_RSP").getString("m"));
    }

    @Test
    void aSaveCompletesOnItsSecondReplyEvenAfterRepliesToLaterRequests() throws Exception {
        ReplyMatcher.Pending save = send("KV_SAVE", null);
        ReplyMatcher.Pending get = send("KV_GET", null);
        reply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"n\"}}");
        assertFalse(save.replies.isDone());
        reply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{}}}");
        assertEquals(1, st(get));
        reply("{\"KV_SAVE_RSP\":{\"st\":121,\"name\":\"n\",\"duration\":3}}");
        assertEquals(2, save.replies.join().size());
        assertEquals(121, st(save));
    }

    @Test
    void aSaveThatRepliesOnceIsUnderstoodToo() throws Exception {
        ReplyMatcher.Pending refused = send("SH_SAVE", null);
        ReplyMatcher.Pending durable = send("SH_SAVE", null);
        reply("{\"SH_SAVE_RSP\":{\"st\":14}}");
        reply("{\"SH_SAVE_RSP\":{\"st\":121,\"name\":\"n\",\"duration\":3}}");
        assertEquals(14, st(refused));
        assertEquals(121, st(durable));
    }

    @Test
    void aReplyThatFitsNoRequestIsReported() {
        send("KV_GET", null);
        assertThrows(ReplyMatcher.OutOfStepException.class, () -> reply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0}}"));
        assertThrows(ReplyMatcher.OutOfStepException.class, () -> new ReplyMatcher().onReply(Json.createObjectBuilder()
                .add("KV_COUNT_RSP", Json.createObjectBuilder().add("st", 1)).build()));
    }
}
