package io.nemesisdb.grid;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

import com.hazelcast.map.IMap;

import io.nemesisdb.kv.KeyRewrite;
import io.nemesisdb.kv.KeySpaceOperations;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The key space of one session in the grid, for one command: every operation is one
 * {@link OnSession} call on the owner of the token, which checks and extends the session's
 * expiry in the same step. A session that does not exist (or has just expired and was deleted)
 * throws {@link KeySpaceOperations.Closed}, which the dispatcher replies as 100. An expiry that an
 * operation applied is counted in {@code expired}.
 */
final class GridKeySpace implements KeySpaceOperations {

    private final IMap<Long, GridSession> sessions;
    private final long token;
    private final IntConsumer expired;

    GridKeySpace(IMap<Long, GridSession> sessions, long token, IntConsumer expired) {
        this.sessions = sessions;
        this.token = token;
        this.expired = expired;
    }

    @Override
    public JsonValue get(String key) {
        return GridJson.value((String) call(new KeySpaceStep.Get(key)));
    }

    @Override
    public void setAll(JsonObject keys) {
        call(new KeySpaceStep.SetAll(GridJson.text(keys)));
    }

    @Override
    public void addAbsent(JsonObject keys) {
        call(new KeySpaceStep.AddAbsent(GridJson.text(keys)));
    }

    @Override
    public void removeAll(List<String> keys) {
        call(new KeySpaceStep.RemoveAll(KeySpaceStep.list(keys)));
    }

    @Override
    public int clear() {
        return (Integer) call(new KeySpaceStep.Clear());
    }

    @Override
    public int replaceAll(JsonObject keys) {
        return (Integer) call(new KeySpaceStep.ReplaceAll(GridJson.text(keys)));
    }

    @Override
    public int count() {
        return (Integer) call(new KeySpaceStep.Count());
    }

    @Override
    public JsonValue[] getAll(List<String> keys) {
        String[] texts = (String[]) call(new KeySpaceStep.GetAll(KeySpaceStep.list(keys)));
        return Arrays.stream(texts).map(GridJson::value).toArray(JsonValue[]::new);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> keys() {
        return (List<String>) call(new KeySpaceStep.Keys());
    }

    /** Copies the content from the owner in one step and runs {@code reader} on the copy, here. */
    @Override
    public <R> R read(Reader<R> reader) {
        String[] pairs = (String[]) call(new KeySpaceStep.Content());
        Map<String, JsonValue> content = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            content.put(pairs[i], GridJson.value(pairs[i + 1]));
        }
        return reader.apply(Collections.unmodifiableMap(content));
    }

    /** Runs {@code writer} on the owner (and again on the backup): its result must be serializable. */
    @Override
    @SuppressWarnings("unchecked")
    public <R> R write(Writer<R> writer) {
        return (R) call(new KeySpaceStep.Write(writer));
    }

    /**
     * Computes the edit here, on the value read from the owner, and stores its result there only
     * if the value is still the one it was computed from; otherwise computes it again. A busy key
     * can make it retry; the edit never runs on the owner's partition thread.
     */
    @Override
    public KeyRewrite.Edit rewrite(String key, Function<JsonValue, KeyRewrite.Edit> edit) {
        while (true) {
            JsonValue current = get(key);
            KeyRewrite.Edit decision = current == null ? KeyRewrite.keyAbsent(key) : edit.apply(current);
            if (!(decision instanceof KeyRewrite.Edit.Replace replace) || replace.value() == current) {
                return decision;
            }
            if ((Boolean) call(new KeySpaceStep.CompareAndSet(key, GridJson.text(current), GridJson.text(replace.value())))) {
                return decision;
            }
        }
    }

    private Object call(KeySpaceStep step) {
        OnSession.Outcome outcome = sessions.executeOnKey(token, new OnSession(step));
        if (outcome != null && outcome.expired()) {
            expired.accept(1);
        }
        if (outcome == null || outcome.gone()) {
            throw KeySpaceOperations.Closed.instance();
        }
        return outcome.value();
    }
}
