package io.nemesisdb.persist;

import io.nemesisdb.json.JsonText;

import java.io.IOException;
import java.util.List;

/** The chosen sessions of sessions mode, each copied at the moment the save started. */
record SessionsSnapshot(List<SavedSession> sessions) implements Snapshot {

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
