package io.nemesisdb.transport;

import io.nemesisdb.json.Utf8;

/**
 * What RFC 6455 allows a client to send, as every transport checks it before a frame's payload
 * is used: the first two header bytes (section 5.2: no reserved bits, masked, a known opcode,
 * control frames whole and short, continuations only inside a message) and a close frame's
 * payload (section 5.5.1 and 7.4: a code that may be sent, a UTF-8 reason).
 */
public final class FrameRules {

    public static final int CONTINUATION = 0;
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;

    private FrameRules() {
    }

    /**
     * Why a frame with these first two header bytes must fail the connection (1002), or null when
     * it may be read.
     *
     * @param messageOpcode the opcode of the message being reassembled from fragments, or 0 between messages
     */
    public static String headerProblem(int b0, int b1, int messageOpcode) {
        if ((b0 & 0x70) != 0) {
            return "reserved bits set";
        }
        if ((b1 & 0x80) == 0) {
            return "client frames must be masked";
        }
        int opcode = b0 & 0x0F;
        if (opcode >= CLOSE) {
            if (opcode > PONG) {
                return "unknown opcode " + opcode;
            }
            if ((b0 & 0x80) == 0 || (b1 & 0x7F) > 125) {
                return "control frames must be whole and at most 125 bytes";
            }
            return null;
        }
        if (opcode > BINARY) {
            return "unknown opcode " + opcode;
        }
        if (opcode == CONTINUATION ? messageOpcode == 0 : messageOpcode != 0) {
            return opcode == CONTINUATION ? "continuation frame outside a message" : "new message inside a fragmented one";
        }
        return null;
    }

    /**
     * The close code to answer a client's close frame with: its own code when the frame is
     * valid (1000 when it carried none), 1002 for a code that may not be sent or a one-byte
     * payload, 1007 for a reason that is not UTF-8.
     */
    public static int answerToClose(byte[] payload, int length) {
        if (length == 0) {
            return CloseCodes.NORMAL;
        }
        if (length == 1) {
            return CloseCodes.PROTOCOL_ERROR;
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            return CloseCodes.PROTOCOL_ERROR;
        }
        return Utf8.isValid(payload, 2, length) ? code : CloseCodes.INVALID_PAYLOAD;
    }
}
