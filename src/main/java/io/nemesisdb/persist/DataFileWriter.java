package io.nemesisdb.persist;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.nemesisdb.json.JsonText;

/**
 * Writes the entries of one dataset into the data files {@code 0, 1, …} of a directory. Each file
 * is a complete JSON document (the format's opening, entries separated by commas, its closing) of
 * at most {@code maxFileBytes}, unless a single entry is larger; an entry never spans files. Every
 * file is flushed to the disk before the next one is started. The length and CRC32C of each file
 * are computed as it is written, for {@code md.json}.
 */
final class DataFileWriter implements Closeable {

    private static final int FLUSH_AT = 1 << 20;

    private final Path dataDir;
    private final DataFormat format;
    private final long maxFileBytes;
    private final JsonText buffer = new JsonText(FLUSH_AT + (64 << 10));
    private final int closingBytes;

    private final List<DataFileCheck> checks = new ArrayList<>();

    private FileChannel file;
    private DataFileCheck.Tally tally;
    private int files;
    private long fileBytes;
    private long entriesInFile;
    private long totalBytes;

    DataFileWriter(Path dataDir, DataFormat format, long maxFileBytes) {
        this.dataDir = dataDir;
        this.format = format;
        this.maxFileBytes = maxFileBytes;
        this.closingBytes = format.closing().length();
    }

    /** Adds one entry: its JSON text, as the format defines an entry. */
    void add(JsonText entry) throws IOException {
        int entryBytes = entry.length();
        if (file != null && entriesInFile > 0 && fileBytes + 1 + entryBytes + closingBytes > maxFileBytes) {
            endFile();
        }
        if (file == null) {
            startFile();
        }
        if (entriesInFile > 0) {
            buffer.ascii(',');
            fileBytes++;
        }
        buffer.raw(entry);
        fileBytes += entryBytes;
        entriesInFile++;
        if (buffer.length() >= FLUSH_AT) {
            drainTo(file);
        }
    }

    /** Ends the last file (writing an empty file 0 when there were no entries) and returns how many files were written. */
    int finish() throws IOException {
        if (file == null && files == 0) {
            startFile();
        }
        if (file != null) {
            endFile();
        }
        return files;
    }

    /** The bytes written so far, in all files. */
    long totalBytes() {
        return totalBytes;
    }

    /** The length and CRC32C of each finished file, in file order. */
    List<DataFileCheck> checks() {
        return List.copyOf(checks);
    }

    private void startFile() throws IOException {
        file = FileChannel.open(dataDir.resolve(Integer.toString(files)),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        files++;
        tally = new DataFileCheck.Tally();
        buffer.ascii(format.opening());
        fileBytes = format.opening().length();
        entriesInFile = 0;
    }

    private void endFile() throws IOException {
        buffer.ascii(format.closing());
        fileBytes += closingBytes;
        drainTo(file);
        file.force(true);
        file.close();
        file = null;
        totalBytes += fileBytes;
        checks.add(tally.check());
    }

    private void drainTo(FileChannel channel) throws IOException {
        tally.update(buffer.bytes(), 0, buffer.length());
        ByteBuffer out = ByteBuffer.wrap(buffer.bytes(), 0, buffer.length());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        buffer.clear();
    }

    /** Closes an unfinished file after a failure; the caller discards the whole directory. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
