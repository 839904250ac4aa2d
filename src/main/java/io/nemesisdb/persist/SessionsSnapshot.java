package io.nemesisdb.persist;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.session.SessionSnapshot;
import jakarta.json.JsonValue;

/** The chosen sessions of sessions mode, each copied at the moment the save started. */
public record SessionsSnapshot(List<SavedSession> sessions) implements Snapshot {

    /** The snapshot of {@code copies}, sessions copied out of the store. */
    public static SessionsSnapshot of(List<SessionSnapshot> copies) {
        List<SavedSession> saved = new ArrayList<>(copies.size());
        for (SessionSnapshot copy : copies) {
            Map<String, JsonValue> keys = copy.keys();
            String[] names = new String[keys.size()];
            JsonValue[] values = new JsonValue[keys.size()];
            int i = 0;
            for (Map.Entry<String, JsonValue> entry : keys.entrySet()) {
                names[i] = entry.getKey();
                values[i++] = entry.getValue();
            }
            saved.add(new SavedSession(copy.token(), copy.shared(), copy.name(), copy.expiry().durationSeconds(),
                    copy.expiry().deleteSession(), names, values));
        }
        return new SessionsSnapshot(saved);
    }

    @Override
    public DataFormat format() {
        return DataFormat.SESSIONS;
    }

    @Override
    public void writeTo(DataFileWriter out) throws IOException {
        JsonText entry = new JsonText(1024);
        for (SavedSession session : sessions) {
            entry.clear();
            session.appendJson(entry);
            out.add(entry);
            if (entry.bytes().length > 1 << 20) {
                entry = new JsonText(1024);
            }
        }
    }
}
