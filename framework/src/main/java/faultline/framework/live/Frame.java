package faultline.framework.live;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.network.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;

/**
 * One message on its way through a transport: who sent it to whom, the id that pairs its send with
 * its deliveries in the trace, and the message itself. On TCP a frame travels as a 4-byte big-endian
 * length followed by that many bytes of Java serialization: messages are already {@link Serializable}
 * records, and the sending and receiving nodes run in the same JVM on the same classes, so nothing
 * would be gained from a schema-based format.
 */
record Frame(Address from, Address to, long id, Message message) implements Serializable {

    /** The largest frame accepted: far above any lab message, low enough that a corrupt length cannot exhaust memory. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    /** The frame's body, as it goes after the length prefix. */
    byte[] encode() throws NotSerializableException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (NotSerializableException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory cannot fail", e);
        }
        if (bytes.size() > MAX_BYTES) {
            throw new IllegalArgumentException("A " + message.getClass().getSimpleName() + " from " + from + " to "
                    + to + " takes " + bytes.size() + " bytes, more than a frame's limit of " + MAX_BYTES
                    + "; send smaller messages.");
        }
        return bytes.toByteArray();
    }

    /** Writes a body made by {@link #encode} as one length-prefixed frame. */
    static void write(DataOutputStream out, byte[] body) throws IOException {
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /**
     * Reads one whole frame, however the bytes were split across reads, resolving message classes
     * through {@code classes}. Throws {@link java.io.EOFException} when the stream ends.
     */
    static Frame read(DataInputStream in, ClassLoader classes) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new StreamCorruptedException("A frame claims " + length + " bytes; the limit is " + MAX_BYTES);
        }
        byte[] body = new byte[length];
        in.readFully(body);
        try (ObjectInputStream objects = Wire.objectsFrom(new ByteArrayInputStream(body), classes)) {
            Object read = objects.readObject();
            if (!(read instanceof Frame frame)) {
                throw new StreamCorruptedException("A frame held a " + read.getClass().getName() + ", not a Frame");
            }
            return frame;
        } catch (ClassNotFoundException e) {
            throw new StreamCorruptedException("A frame names class " + e.getMessage()
                    + ", which the receiving side cannot load");
        }
    }
}
