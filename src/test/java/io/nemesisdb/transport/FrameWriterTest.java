package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import org.junit.jupiter.api.Test;

/** Reply coalescing: which replies wait for the end of a burst, and what the frames look like. */
class FrameWriterTest {

    /** Records each write to the socket as one byte array. */
    private static final class RecordingWriter implements DataWriter {
        final List<byte[]> writes = new ArrayList<>();

        @Override
        public void write(BufferData... buffers) {
            writeNow(buffers);
        }

        @Override
        public void write(BufferData buffer) {
            writeNow(buffer);
        }

        @Override
        public synchronized void writeNow(BufferData... buffers) {
            for (BufferData buffer : buffers) {
                writeNow(buffer);
            }
        }

        @Override
        public synchronized void writeNow(BufferData buffer) {
            writes.add(buffer.readBytes());
        }
    }

    /** A finished reply named {@code name} with status 1 and, when given, a member {@code "v"}. */
    private static Reply reply(String name, String value) {
        Reply reply = new Reply(Reply.prefix(name), Status.OK);
        return (value == null ? reply : reply.add("v", value)).finish();
    }

    private static Reply reply(String name) {
        return reply(name, null);
    }

    @Test
    void repliesOnTheReadingThreadWaitForFlushAndLeaveInOneWrite() {
        RecordingWriter socket = new RecordingWriter();
        FrameWriter writer = new FrameWriter(socket, Thread.currentThread());
        writer.send(reply("A"));
        writer.send(reply("B"));
        assertEquals(0, socket.writes.size());
        writer.flush();
        assertEquals(1, socket.writes.size());
        assertArrayEquals(concat(textFrame("{\"A\":{\"st\":1}}"), textFrame("{\"B\":{\"st\":1}}")), socket.writes.get(0));
    }

    @Test
    void replyFromAnotherThreadIsWrittenAtOnceAfterThePendingOnes() throws Exception {
        RecordingWriter socket = new RecordingWriter();
        FrameWriter writer = new FrameWriter(socket, Thread.currentThread());
        writer.send(reply("first"));
        Thread saver = Thread.ofVirtual().start(() -> writer.send(reply("later")));
        saver.join();
        assertEquals(1, socket.writes.size());
        assertArrayEquals(concat(textFrame("{\"first\":{\"st\":1}}"), textFrame("{\"later\":{\"st\":1}}")),
                socket.writes.get(0));
    }

    @Test
    void aBurstPastTheThresholdIsWrittenWithoutWaiting() {
        RecordingWriter socket = new RecordingWriter();
        FrameWriter writer = new FrameWriter(socket, Thread.currentThread());
        Reply reply = reply("x", "y".repeat(1000));
        int sent = 0;
        while (socket.writes.isEmpty()) {
            writer.send(reply);
            sent++;
        }
        assertEquals(FrameWriter.FLUSH_AT / (reply.length() + 4) + 1, sent);
    }

    @Test
    void nonAsciiRepliesAreEncodedAsUtf8WithTheirByteLength() {
        RecordingWriter socket = new RecordingWriter();
        FrameWriter writer = new FrameWriter(socket, Thread.currentThread());
        writer.send(reply("K", "é€😀"));
        writer.flush();
        assertArrayEquals(textFrame("{\"K\":{\"st\":1,\"v\":\"é€😀\"}}"), socket.writes.get(0));
    }

    @Test
    void nothingIsSentAfterTheCloseFrame() {
        RecordingWriter socket = new RecordingWriter();
        FrameWriter writer = new FrameWriter(socket, Thread.currentThread());
        writer.send(reply("A"));
        writer.close(1001, "bye");
        writer.send(reply("B"));
        writer.flush();
        assertEquals(1, socket.writes.size());
        byte[] close = {(byte) 0x88, 5, 0x03, (byte) 0xE9, 'b', 'y', 'e'};
        assertArrayEquals(concat(textFrame("{\"A\":{\"st\":1}}"), close), socket.writes.get(0));
    }

    private static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
