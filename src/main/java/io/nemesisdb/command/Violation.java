package io.nemesisdb.command;

import io.nemesisdb.protocol.Status;

/** A request that breaks a rule of its command's parameters: the status to reply and a message naming the problem. */
public record Violation(Status status, String message) {
}
