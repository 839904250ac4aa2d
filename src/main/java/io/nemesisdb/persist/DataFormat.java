package io.nemesisdb.persist;

import io.nemesisdb.protocol.Mode;

/**
 * The two data file formats of 0.6.4. KV mode: {@code {"keys":{"k":v,…}}}, an entry being one
 * {@code "k":v} member. Sessions mode: {@code [{"sh":{…},"keys":{…}},…]}, an entry being one
 * session.
 */
enum DataFormat {
    KV("{\"keys\":{", "}}", DatasetMetadata.KV_DATA),
    SESSIONS("[", "]", DatasetMetadata.SESSIONS_DATA);

    private final String opening;
    private final String closing;
    private final int saveDataType;

    DataFormat(String opening, String closing, int saveDataType) {
        this.opening = opening;
        this.closing = closing;
        this.saveDataType = saveDataType;
    }

    static DataFormat of(Mode mode) {
        return mode == Mode.KV ? KV : SESSIONS;
    }

    /** The text that starts every data file. */
    String opening() {
        return opening;
    }

    /** The text that ends every data file. */
    String closing() {
        return closing;
    }

    /** The {@code saveDataType} written in {@code md.json}. */
    int saveDataType() {
        return saveDataType;
    }

    /** A description for error messages. */
    String modeName() {
        return this == KV ? "KV mode" : "sessions mode";
    }
}
