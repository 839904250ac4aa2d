package io.nemesisdb.ops;

import io.nemesisdb.kv.SingleKeySpace;
import io.nemesisdb.protocol.Mode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The size of KV mode's single key space. */
@ApplicationScoped
public class KvStoreSize implements StoreSize {

    @Inject
    SingleKeySpace keySpace;

    @Override
    public Mode mode() {
        return Mode.KV;
    }

    @Override
    public long sessions() {
        return 0;
    }

    @Override
    public long keys() {
        return keySpace.keySpace().count();
    }
}
