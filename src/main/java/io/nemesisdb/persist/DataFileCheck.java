package io.nemesisdb.persist;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * What a save records in {@code md.json} about one data file, so that a load can tell the file
 * is exactly the one the save wrote: its length in bytes and the CRC32C of its bytes. A missing,
 * truncated, extended or altered file fails the check and the whole load with it.
 *
 * @param bytes the file's length
 * @param crc32c the CRC32C (Castagnoli) of its bytes, an unsigned 32-bit value
 */
record DataFileCheck(long bytes, long crc32c) {

    static final long MAX_CRC = 0xFFFF_FFFFL;

    DataFileCheck {
        if (bytes < 0 || crc32c < 0 || crc32c > MAX_CRC) {
            throw new IllegalArgumentException("bytes " + bytes + ", crc32c " + crc32c);
        }
    }

    /**
     * Throws when what a load read from {@code file} is not what the save wrote.
     *
     * @param read the length and CRC32C of the bytes the load read
     */
    void verify(Path file, DataFileCheck read) throws DatasetException {
        verifyLength(file, read.bytes);
        if (read.crc32c != crc32c) {
            throw mismatch(file, "does not have the CRC32C md.json records (" + read.crc32c + " instead of " + crc32c + ")");
        }
    }

    /** Throws when {@code file}'s length on disk is not the recorded one: found before anything is parsed. */
    void verifyLength(Path file, long length) throws DatasetException {
        if (length != bytes) {
            throw mismatch(file, "has " + length + " bytes, md.json says " + bytes);
        }
    }

    private static DatasetException mismatch(Path file, String why) {
        return new DatasetException("data file " + file + " is not the one saved: it " + why);
    }

    /** Counts the bytes passed through it and computes their CRC32C, as they are written or read. */
    static final class Tally {

        private final CRC32C crc = new CRC32C();
        private long bytes;

        void update(byte[] data, int offset, int length) {
            crc.update(data, offset, length);
            bytes += length;
        }

        DataFileCheck check() {
            return new DataFileCheck(bytes, crc.getValue());
        }
    }

    /** An input stream that tallies every byte read through it, for the load's check. */
    static final class Counting extends FilterInputStream {

        private final Tally tally = new Tally();

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                tally.update(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                tally.update(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("every byte must be tallied");
        }

        /** Reads what is left of the stream, so that the tally covers the whole file. */
        void drain() throws IOException {
            byte[] rest = new byte[8192];
            while (read(rest, 0, rest.length) >= 0) {
                // tallied by read
            }
        }

        /** The length and CRC32C of what was read so far. */
        DataFileCheck check() {
            return tally.check();
        }
    }
}
