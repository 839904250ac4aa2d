package io.nemesisdb.grid;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * The batches of a save: the names listed when it starts (tokens, keys), fetched from the grid a
 * batch at a time as the writer consumes them, so that the saving member holds one batch at once.
 */
final class Batches {

    private Batches() {
    }

    /** Batches of at most {@code size} of {@code names}, each {@code fetch}ed when the iterator reaches it. */
    static <N, B> Iterator<B> of(List<N> names, int size, Function<Set<N>, B> fetch) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < names.size();
            }

            @Override
            public B next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(next + size, names.size());
                Set<N> batch = new HashSet<>(names.subList(next, end));
                next = end;
                return fetch.apply(batch);
            }
        };
    }
}
