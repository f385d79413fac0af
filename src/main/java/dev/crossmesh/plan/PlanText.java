package dev.crossmesh.plan;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A plan file's bytes as text: UTF-8 only, and bytes that are not UTF-8 are refused naming their line and column. */
final class PlanText {
    private PlanText() {
    }

    static String decode(byte[] bytes, String source) throws PlanFileException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new PlanFileException(source + " is UTF-16 text (it starts with a UTF-16 byte order mark); a plan is UTF-8:"
                    + " save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(bytes, in.position(), source);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static PlanFileException notUtf8(byte[] bytes, int at, String source) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // the column counts characters, as an editor does: the UTF-8 sequences before it on that line are one each
        int column = 1;
        for (int i = lineStart; i < at; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new PlanFileException(String.format("%s is not UTF-8 text: line %d, column %d holds the byte 0x%02X, which UTF-8 does"
                + " not allow there (Latin-1 or Windows-1252 text?); save the plan as UTF-8", source, line, column, bytes[at] & 0xFF));
    }
}
