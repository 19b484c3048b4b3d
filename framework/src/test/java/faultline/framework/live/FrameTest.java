package faultline.framework.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import faultline.framework.Address;
import faultline.framework.live.EchoNodes.Ping;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StreamCorruptedException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameTest {

    private final ClassLoader classes = FrameTest.class.getClassLoader();

    /** Hands out its bytes a few at a time, the way TCP may split a frame across reads. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int position;
        private int turn;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + (turn++ % 7)), bytes.length - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }
    }

    @Test
    void framesSplitIntoTinyReadsAreReassembledInOrder() throws IOException {
        Frame big = new Frame(Address.of("a"), Address.of("b/paxos"), 7, new Ping(1, "y".repeat(100_000)));
        Frame small = new Frame(Address.of("b"), Address.of("a"), 8, new Ping(2, "z"));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(wire)) {
            Frame.write(out, big.encode());
            Frame.write(out, small.encode());
        }
        DataInputStream in = new DataInputStream(new Trickle(wire.toByteArray()));

        assertEquals(big, Frame.read(in, classes));
        assertEquals(small, Frame.read(in, classes));
        assertThrows(EOFException.class, () -> Frame.read(in, classes));
    }

    @Test
    void aCutOffFrameIsAnEndOfStreamNotAMessage() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(wire)) {
            Frame.write(out, new Frame(Address.of("a"), Address.of("b"), 1, new Ping(1, "hello")).encode());
        }
        byte[] cut = Arrays.copyOf(wire.toByteArray(), wire.size() - 3);

        assertThrows(EOFException.class, () -> Frame.read(new DataInputStream(new Trickle(cut)), classes));
    }

    @Test
    void anAbsurdLengthIsRefusedBeforeAnythingIsAllocated() {
        byte[] header = {0x7F, 0x00, 0x00, 0x00};

        assertThrows(StreamCorruptedException.class,
                () -> Frame.read(new DataInputStream(new Trickle(header)), classes));
    }
}
