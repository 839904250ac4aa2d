package io.nemesisdb.client;

/** A completed load: the dataset, the keys loaded and (in sessions mode) the sessions loaded. */
public record LoadResult(String name, long keys, long sessions) {
}
