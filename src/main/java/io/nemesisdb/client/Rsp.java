package io.nemesisdb.client;

/** What a {@code KV_FIND} returns: the matching keys, the paths of the selected nodes, or the keys with their values. */
public enum Rsp {
    KEYS("keys"),
    PATHS("paths"),
    KV("kv");

    private final String wire;

    Rsp(String wire) {
        this.wire = wire;
    }

    /** The value of {@code rsp} in the request. */
    public String wire() {
        return wire;
    }
}
