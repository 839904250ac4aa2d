package io.nemesisdb.transport;

import java.lang.management.ManagementFactory;

import com.sun.management.UnixOperatingSystemMXBean;

/** The process's limit on open files, which every connection counts against. */
final class FileDescriptors {

    /** Descriptors kept free of clients beyond those open at start-up: the admin listener and its clients, saves and loads. */
    static final int RESERVED = 128;

    private FileDescriptors() {
    }

    /** The most files the process may open ({@code ulimit -n}), or {@link Long#MAX_VALUE} where the system does not say. */
    static long limit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }

    /** The files the process has open now (the JVM's jars, its listeners), or 0 where the system does not say. */
    static long open() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : 0;
    }

    /**
     * How many client connections fit in the files the process may still open: each takes one,
     * and up to {@code margin} more sockets may be open in their handshake.
     */
    static long forConnections(int margin) {
        return limit() - open() - RESERVED - margin;
    }
}
