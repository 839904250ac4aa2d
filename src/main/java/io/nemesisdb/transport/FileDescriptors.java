package io.nemesisdb.transport;

import java.lang.management.ManagementFactory;

import com.sun.management.UnixOperatingSystemMXBean;

/** The process's limit on open files, which every connection counts against. */
final class FileDescriptors {

    /** Descriptors kept free of clients: the JVM's own files, the admin listener and its clients, saves and loads. */
    static final int RESERVED = 256;

    private FileDescriptors() {
    }

    /** The most files the process may open ({@code ulimit -n}), or {@link Long#MAX_VALUE} where the system does not say. */
    static long limit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }
}
