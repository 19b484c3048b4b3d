package faultline.framework.network;

import faultline.framework.Address;
import faultline.framework.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Set;

/**
 * What the network hands a receiver: nodes are separate machines, so a message that holds anything that can change
 * (a list, a map, an array, an object with a field that is not final) arrives as a copy, made the way the live
 * runtime's TCP transport makes one (Java serialization), once when it is sent and again for each delivery. The
 * sender's later changes never reach the receiver, nor one receiver's changes another. A message of values only
 * (records of numbers, strings, enums, addresses and such records) cannot change and is handed over as it is.
 */
public final class Wire {

    private static final Set<Class<?>> VALUES = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Character.class, Integer.class, Long.class, Float.class, Double.class, Address.class);

    private static final ClassValue<Boolean> IMMUTABLE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return immutable(type, new HashSet<>());
        }
    };

    private Wire() {
    }

    /** {@code message} as it arrives at the far end of a network. */
    public static Message carry(Message message) {
        if (IMMUTABLE.get(message.getClass())) {
            return message;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(message);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("A " + message.getClass().getSimpleName() + " cannot cross the network:"
                    + " it holds a " + e.getMessage() + ", which is not Serializable. A message must be a value (a record"
                    + " of numbers, strings, enums, addresses, collections and records of those).", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassLoader classes = message.getClass().getClassLoader();
        try (ObjectInputStream in = objectsFrom(new ByteArrayInputStream(bytes.toByteArray()), classes)) {
            return (Message) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("A " + message.getClass().getSimpleName() + " could not be read back after"
                    + " it was written for the network: " + e, e);
        }
    }

    private static boolean immutable(Class<?> type, Set<Class<?>> visiting) {
        if (type.isPrimitive() || VALUES.contains(type) || type.isEnum()) {
            return true;
        }
        if (type.isArray() || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return false;
        }
        if (!visiting.add(type)) {
            return true; // met again inside itself: the rest of the walk decides
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (!immutable(c.getType(), visiting)) {
                    return false;
                }
            }
            return true;
        }
        if (!Modifier.isFinal(type.getModifiers())) {
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())
                        && (!Modifier.isFinal(f.getModifiers()) || !immutable(f.getType(), visiting))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Reads serialized messages, resolving classes through {@code classes}, the loader that loaded the lab code: the
     * default would use the framework's own loader, which cannot see lab classes when a runner loads them separately.
     */
    public static ObjectInputStream objectsFrom(InputStream in, ClassLoader classes) throws IOException {
        return new LoaderInput(in, classes);
    }

    private static final class LoaderInput extends ObjectInputStream {
        private final ClassLoader classes;

        LoaderInput(InputStream in, ClassLoader classes) throws IOException {
            super(in);
            this.classes = classes;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, classes);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
