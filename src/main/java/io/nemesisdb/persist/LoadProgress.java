package io.nemesisdb.persist;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * How far a load has got: the bytes of its data files read and the keys parsed so far, counted by
 * the threads that parse the files in parallel, and read by whoever reports the progress (the
 * start-up load logs it every few seconds). {@link #NONE} counts nothing.
 */
public final class LoadProgress {

    /** For loads nobody watches. */
    public static final LoadProgress NONE = new LoadProgress(false);

    private final boolean counting;
    private final LongAdder bytes = new LongAdder();
    private final LongAdder keys = new LongAdder();
    private volatile long totalBytes = -1;
    private volatile int files = -1;

    private LoadProgress(boolean counting) {
        this.counting = counting;
    }

    /** A progress to watch. */
    public static LoadProgress watched() {
        return new LoadProgress(true);
    }

    /** Called once the data files to read are known. */
    void dataFiles(int count, long total) {
        if (!counting) {
            return;
        }
        files = count;
        totalBytes = total;
    }

    /** {@code in}, counting every byte read from it. */
    InputStream counting(InputStream in) {
        if (!counting) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.increment();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    bytes.add(n);
                }
                return n;
            }
        };
    }

    void keysParsed(int count) {
        if (counting) {
            keys.add(count);
        }
    }

    public long bytesRead() {
        return bytes.sum();
    }

    public long keysParsed() {
        return keys.sum();
    }

    /** The total size of the data files, or -1 while they are not known yet. */
    public long totalBytes() {
        return totalBytes;
    }

    /** "12.5 of 236.0 MB read (2 data files), 48,000 keys". */
    public String report() {
        String total = totalBytes < 0 ? "" : String.format(Locale.ROOT, " of %.1f", totalBytes / 1e6);
        String inFiles = files < 0 ? "" : " (" + files + " data file" + (files == 1 ? "" : "s") + ")";
        return String.format(Locale.ROOT, "%.1f%s MB read%s, %,d keys", bytesRead() / 1e6, total, inFiles, keysParsed());
    }

    /** How many data files the dataset has, or -1 while they are not known yet. */
    public int files() {
        return files;
    }
}
