package io.nemesisdb.transport.jakarta;

import io.nemesisdb.transport.CloseCodes;
import io.nemesisdb.transport.FrameRules;

/**
 * Watches the bytes a client sends to the Jakarta transport, frame by frame, before Tyrus reads
 * them, and stops the stream at the first frame the server must not accept: one that breaks
 * {@link FrameRules} (1002), a data frame that would take its message past {@code maxPayload}
 * (1009, seen at its header, before the payload arrives), and a close frame with a code that may
 * not be sent (1002) or a reason that is not UTF-8 (1007). Tyrus alone executes unmasked frames,
 * reads oversized frames to 8 MB before failing them with 1011, and echoes any close code.
 */
final class FrameInspector {

    /** The verdict on a chunk of input. */
    record Verdict(int acceptedLength, int closeCode, String reason) {
        boolean isFailure() {
            return closeCode != 0;
        }
    }

    private final int maxPayload;
    /** Header bytes of the frame being read, until the whole header has arrived. */
    private final byte[] header = new byte[14];
    private int headerLength;
    /** Payload bytes of the current frame still to come. */
    private long payloadLeft;
    private boolean inClose;
    private final byte[] closePayload = new byte[125];
    private int closeLength;
    private int maskAt;
    private int messageOpcode;
    private long messageLength;

    FrameInspector(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /**
     * Reads {@code bytes[0, length)}: all of it is accepted, or the verdict says how much may be
     * passed on (the frames before the offending one) and with which code to close.
     */
    Verdict inspect(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, length - i);
                if (inClose) {
                    for (int k = 0; k < n; k++) {
                        closePayload[closeLength] = (byte) (bytes[i + k] ^ header[maskAt + (closeLength & 3)]);
                        closeLength++;
                    }
                }
                i += n;
                payloadLeft -= n;
                if (payloadLeft == 0 && inClose) {
                    Verdict closing = closeFrameEnded(i);
                    if (closing != null) {
                        return closing;
                    }
                }
                continue;
            }
            header[headerLength++] = bytes[i++];
            Verdict verdict = headerByte(i - headerLength);
            if (verdict != null) {
                return verdict;
            }
        }
        return new Verdict(length, 0, null);
    }

    /** After each header byte: null to read on, or the verdict when the header fails. */
    private Verdict headerByte(int frameStart) {
        if (headerLength < 2) {
            return null;
        }
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        if (headerLength == 2) {
            String problem = FrameRules.headerProblem(b0, b1, messageOpcode);
            if (problem != null) {
                return new Verdict(Math.max(0, frameStart), CloseCodes.PROTOCOL_ERROR, problem);
            }
        }
        int length7 = b1 & 0x7F;
        int full = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + 4;
        if (headerLength < full) {
            return null;
        }
        long length = length7 == 126 ? ((header[2] & 0xFFL) << 8) | (header[3] & 0xFF)
                : length7 == 127 ? longAt(2) : length7;
        if (length < 0) {
            return new Verdict(Math.max(0, frameStart), CloseCodes.PROTOCOL_ERROR, "frame length over 2^63");
        }
        int opcode = b0 & 0x0F;
        boolean fin = (b0 & 0x80) != 0;
        headerLength = 0;
        maskAt = full - 4;
        payloadLeft = length;
        inClose = opcode == FrameRules.CLOSE;
        closeLength = 0;
        if (opcode < FrameRules.CLOSE) {
            messageLength += length;
            if (messageLength > maxPayload) {
                return new Verdict(Math.max(0, frameStart), CloseCodes.TOO_BIG, "message larger than " + maxPayload + " bytes");
            }
            messageOpcode = fin ? 0 : (opcode == FrameRules.CONTINUATION ? messageOpcode : opcode);
            if (fin) {
                messageLength = 0;
            }
        }
        if (inClose && length == 0) {
            return closeFrameEnded(frameStart + full);
        }
        return null;
    }

    /** A close frame is complete: a valid one passes (Tyrus echoes it), an invalid one is answered here. */
    private Verdict closeFrameEnded(int end) {
        inClose = false;
        int answer = FrameRules.answerToClose(closePayload, closeLength);
        boolean valid = closeLength == 0
                || closeLength >= 2 && answer == (((closePayload[0] & 0xFF) << 8) | (closePayload[1] & 0xFF));
        if (valid) {
            return null;
        }
        int frameLength = 2 + 4 + closeLength;
        return new Verdict(Math.max(0, end - frameLength), answer,
                answer == CloseCodes.INVALID_PAYLOAD ? "close reason is not valid UTF-8" : "invalid close frame");
    }

    private long longAt(int from) {
        long value = 0;
        for (int k = 0; k < 8; k++) {
            value = (value << 8) | (header[from + k] & 0xFF);
        }
        return value;
    }
}
