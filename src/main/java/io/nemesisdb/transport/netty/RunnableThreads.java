package io.nemesisdb.transport.netty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntSupplier;

/**
 * The threads running or waiting for a core on the whole machine, as Linux counts them now: the
 * fourth field of {@code /proc/loadavg} ("3/450": 3 runnable of 450), read again from one open
 * file at each call (a few microseconds, no allocation). -1 where there is no such file.
 */
final class RunnableThreads implements IntSupplier {

    /** One buffer per event loop thread. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(128));

    private final FileChannel file;

    private RunnableThreads(FileChannel file) {
        this.file = file;
    }

    /** The count of this machine (one open file for the process), or a supplier of -1 where Linux's is not readable. */
    static IntSupplier ofThisMachine() {
        return OfThisMachine.COUNT;
    }

    private static final class OfThisMachine {
        static final IntSupplier COUNT = open();

        private static IntSupplier open() {
            try {
                RunnableThreads threads = new RunnableThreads(FileChannel.open(Path.of("/proc/loadavg"), StandardOpenOption.READ));
                return threads.getAsInt() >= 0 ? threads : () -> -1;
            } catch (IOException | UnsupportedOperationException e) {
                return () -> -1;
            }
        }
    }

    @Override
    public int getAsInt() {
        ByteBuffer text = BUFFER.get();
        text.clear();
        try {
            file.read(text, 0);
        } catch (IOException e) {
            return -1;
        }
        return parse(text.flip());
    }

    /** The number before the '/' of "0.74 1.74 2.64 3/450 12345", or -1. */
    static int parse(ByteBuffer text) {
        int fields = 0;
        int i = text.position();
        while (i < text.limit() && fields < 3) {
            if (text.get(i++) == ' ') {
                fields++;
            }
        }
        int count = 0;
        int digits = 0;
        for (; i < text.limit() && text.get(i) >= '0' && text.get(i) <= '9'; i++, digits++) {
            count = 10 * count + text.get(i) - '0';
        }
        return digits > 0 && i < text.limit() && text.get(i) == '/' ? count : -1;
    }
}
