package io.nemesisdb.client;

/** A save that is durable on disk: the dataset's name and how long the server took, in milliseconds. */
public record SaveResult(String name, long durationMillis) {
}
