package faultline.testkit.check;

import faultline.framework.Node;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * Budgets on what a solution spends: the size of a node's state, measured on the node's own fields
 * (serialized, components included) rather than on the JVM heap, so that garbage and the
 * collector's timing never change the answer.
 */
public final class Budgets {

    private Budgets() {
    }

    /** The size in bytes of {@code node}'s state, serialized. */
    public static long stateBytes(Node node) {
        CountingStream counter = new CountingStream();
        try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
            out.writeObject(node);
        } catch (NotSerializableException e) {
            throw new IllegalStateException(node + " holds a field of type " + e.getMessage()
                    + " that is not Serializable; node state must be made of serializable values (records, collections).", e);
        } catch (IOException e) {
            throw new IllegalStateException("Could not measure the state of " + node, e);
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
