package io.nemesisdb.persist;

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
        StringBuilder entry = new StringBuilder(1024);
        for (SavedSession session : sessions) {
            entry.setLength(0);
            session.appendJson(entry);
            out.add(entry);
            if (entry.capacity() > 1 << 20) {
                entry = new StringBuilder(1024);
            }
        }
    }
}
