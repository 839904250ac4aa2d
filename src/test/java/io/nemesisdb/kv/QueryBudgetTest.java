package io.nemesisdb.kv;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queries of issue 14 over a real WebSocket, with the default budget
 * ({@code nemesis.query.budget-ms}): each either answers correctly in linear time or ends with 17
 * once the request's budget is spent, instead of running for minutes.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class QueryBudgetTest {

    /** Generous: the default budget is 1 s; before the fix these took from 23 s to minutes. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    /** Each string costs '((a+)+)+b' a few milliseconds, below what the old budget per string allowed. */
    private static final String COSTLY_STRING = "a".repeat(17) + "!";

    private WsClient client;

    @BeforeEach
    void connectToAnEmptyServer() throws Exception {
        client = TestServer.connect();
        client.request("{\"KV_CLEAR\":{}}");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    private String request(String message) throws Exception {
        client.sendText(message);
        WsClient.Frame reply = client.receive((int) BOUND.toMillis());
        assertTrue(reply != null && reply.isText(), () -> "no reply to " + message + " within " + BOUND);
        return reply.text();
    }

    /** {"KV_SET":{"keys":{key:[item,item,...]}}} with {@code count} copies of {@code item}. */
    private void setArray(String key, String item, int count) throws Exception {
        StringBuilder message = new StringBuilder("{\"KV_SET\":{\"keys\":{\"").append(key).append("\":[");
        for (int i = 0; i < count; i++) {
            message.append(i == 0 ? "" : ",").append(item);
        }
        assertReply("{\"KV_SET_RSP\":{\"st\":1}}", request(message.append("]}}}").toString()));
    }

    // Before: 44 s to over 3 minutes, count($[*]) being evaluated again for each element.
    @Test
    void countOfTheWholeArrayInAFilterIsComputedOnceAndAnswersAtOnce() throws Exception {
        setArray("big", "0", 150_000);
        assertTimeoutPreemptively(BOUND, () -> {
            assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[]}}",
                    request("{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?count($[*]) < 0]\"}}"));
            assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"big\"]}}",
                    request("{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?count($[*]) == 150000 && @ == 0]\"}}"));
        });
    }

    // Before: every string had a budget of its own, so 40,000 strings took minutes.
    @Test
    void regexWorkOverManyStringsSharesTheRequestsBudget() throws Exception {
        setArray("strings", "\"" + COSTLY_STRING + "\"", 40_000);
        String reply = assertTimeoutPreemptively(BOUND,
                () -> request("{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?match(@, '((a+)+)+b')]\"}}"));
        assertReply("{\"KV_FIND_RSP\":{\"st\":17}}", reply);
        String message = Replies.body(reply, "KV_FIND_RSP").getString("m");
        assertTrue(message.contains("1000 ms"), message);
    }

    @Test
    void theBudgetCoversEveryKeyOfOneFind() throws Exception {
        for (int i = 0; i < 40; i++) {
            setArray("strings" + i, "\"" + COSTLY_STRING + "\"", 1_000);
        }
        assertReply("{\"KV_FIND_RSP\":{\"st\":17}}", assertTimeoutPreemptively(BOUND,
                () -> request("{\"KV_FIND\":{\"rsp\":\"paths\",\"path\":\"$[?match(@, '((a+)+)+b')]\"}}")));
    }

    @Test
    void anUpdateThatSpendsTheBudgetChangesNothing() throws Exception {
        setArray("strings", "\"" + COSTLY_STRING + "\"", 40_000);
        String before = request("{\"KV_GET\":{\"keys\":[\"strings\"]}}");

        assertReply("{\"KV_UPDATE_RSP\":{\"st\":17,\"key\":\"strings\",\"cnt\":0}}", assertTimeoutPreemptively(BOUND,
                () -> request("{\"KV_UPDATE\":{\"key\":\"strings\",\"path\":\"$[?search(@, '((a+)+)+b')]\",\"value\":1}}")));
        assertReply(before, request("{\"KV_GET\":{\"keys\":[\"strings\"]}}"));
    }

    @Test
    void aFindWithinTheBudgetStillAnswers() throws Exception {
        setArray("strings", "\"" + COSTLY_STRING + "\"", 3);
        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"paths\":[\"$[0]\",\"$[1]\",\"$[2]\"]}}",
                request("{\"KV_FIND\":{\"rsp\":\"paths\",\"path\":\"$[?match(@, '((a+)+)+!')]\"}}"));
    }
}
