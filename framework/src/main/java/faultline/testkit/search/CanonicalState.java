package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Node;
import faultline.framework.NodeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copies a node's state into a fresh instance of it, and reduces a state to a 64-bit canonical fingerprint.
 *
 * <p><b>A node's state</b> is its fields (the programming model's rule), those of the classes between it and
 * {@link Node}, and the fields of the components it hosts. Transient and static fields are not state, and
 * neither are lambdas and method references (a component's callback into its host, say): they are behaviour,
 * and the fresh instance has its own, bound to itself.
 *
 * <p><b>Copying.</b> A node cannot be copied as a bare object graph: the handlers it registers in its
 * constructor are lambdas bound to the instance. So a copy is a fresh instance from the node's own factory
 * (its constructor registers handlers and components), into which every field is deep-copied: lists, deques,
 * maps and sets of {@code java.util} are rebuilt with the same kind and comparator, arrays cloned, plain
 * objects of the lab's own classes copied field by field; an object reached twice is copied once, so
 * aliasing survives. Records, strings, boxed numbers, enums and addresses are values and are shared, as the
 * programming model asks of messages and timers. Anything else falls back to a serialization round trip.
 *
 * <p><b>Fingerprints.</b> A walk over the same fields feeds a 64-bit mixing hash with a type tag and the
 * content of every value. Equal states collide whatever the insertion history of a node's maps: a
 * {@link HashMap}'s or {@link HashSet}'s entries are each hashed on their own (key and value), the entry
 * hashes sorted, and only then folded in, so the result depends on the entries alone; a {@link TreeMap}
 * is walked in key order, which its contents alone decide. Lists, {@link LinkedHashMap} and
 * {@link LinkedHashSet} keep their order, because code that iterates them decides by it. Classes are
 * hashed by name, so a fingerprint is the same in every JVM.
 */
final class CanonicalState {

    private static final long P1 = 0x9E3779B97F4A7C15L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long NULL = 0x5bd1e9955bd1e995L;

    private static final Field NODE_COMPONENTS = nodeField("components");
    private static final Field NODE_CONTEXT = nodeField("context");
    private static final Set<Class<?>> VALUES = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Integer.class, Long.class, Character.class, Float.class, Double.class, Address.class,
            java.math.BigInteger.class, java.math.BigDecimal.class, Class.class);

    /** Per class: its state fields, superclasses' first, each sorted by name; for a node, up to {@link Node}. */
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class && c != Node.class; c = c.getSuperclass()) {
                chain.add(0, c);
            }
            List<Field> all = new ArrayList<>();
            for (Class<?> c : chain) {
                Field[] declared = c.getDeclaredFields();
                Arrays.sort(declared, Comparator.comparing(Field::getName));
                for (Field f : declared) {
                    if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                        f.setAccessible(true);
                        all.add(f);
                    }
                }
            }
            return all.toArray(new Field[0]);
        }
    };

    private static final ClassValue<Long> CLASS_IDS = new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
            return hashString(0x1234567L, type.getName());
        }
    };

    private CanonicalState() {
    }

    // ---- copying ----

    /** A fresh instance of {@code source}'s node, made by {@code factory}, holding a deep copy of its state. */
    static Node copy(Node source, java.util.function.Function<Address, ? extends Node> factory) {
        Node fresh = factory.apply(source.address());
        if (fresh.getClass() != source.getClass()) {
            throw new IllegalStateException("The factory for " + source.address() + " made a "
                    + fresh.getClass().getSimpleName() + ", not a " + source.getClass().getSimpleName());
        }
        IdentityHashMap<Object, Object> copies = new IdentityHashMap<>(8);
        try {
            copyNodeInto(fresh, source, copies);
        } catch (StackOverflowError e) {
            throw tooDeep(source, e);
        }
        return fresh;
    }

    private static void copyNodeInto(Node target, Node source, IdentityHashMap<Object, Object> copies) {
        try {
            for (Field f : FIELDS.get(source.getClass())) {
                Class<?> t = f.getType();
                if (t.isPrimitive()) {
                    copyPrimitive(f, target, source);
                    continue;
                }
                Object value = f.get(source);
                if (value instanceof Node || isFunction(value)) {
                    // A component, or a callback such as a component's hook into its host: the fresh instance
                    // made its own, bound to itself (components are filled in below).
                    continue;
                }
                f.set(target, copyValue(value, copies));
            }
            Map<Address, Node> sourceParts = components(source);
            if (!sourceParts.isEmpty()) {
                Map<Address, Node> targetParts = components(target);
                for (Map.Entry<Address, Node> part : sourceParts.entrySet()) {
                    Node into = targetParts.get(part.getKey());
                    if (into == null) {
                        throw new IllegalStateException(target + " made no component " + part.getKey()
                                + " in its constructor, so its copy cannot hold that component's state");
                    }
                    copyNodeInto(into, part.getValue(), copies);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not copy the state of " + source, e);
        }
    }

    private static void copyPrimitive(Field f, Object target, Object source) throws IllegalAccessException {
        Class<?> t = f.getType();
        if (t == int.class) {
            f.setInt(target, f.getInt(source));
        } else if (t == long.class) {
            f.setLong(target, f.getLong(source));
        } else if (t == boolean.class) {
            f.setBoolean(target, f.getBoolean(source));
        } else if (t == double.class) {
            f.setDouble(target, f.getDouble(source));
        } else if (t == float.class) {
            f.setFloat(target, f.getFloat(source));
        } else if (t == short.class) {
            f.setShort(target, f.getShort(source));
        } else if (t == byte.class) {
            f.setByte(target, f.getByte(source));
        } else {
            f.setChar(target, f.getChar(source));
        }
    }

    /** Per class: whether its instances are values, shared rather than copied. */
    private static final ClassValue<Boolean> VALUE_CLASSES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            return VALUES.contains(c) || c.isRecord() || c.isEnum() || Enum.class.isAssignableFrom(c)
                    || c.getName().startsWith("java.util.ImmutableCollections") || c == Optional.class;
        }
    };

    private static boolean isValue(Object value) {
        return VALUE_CLASSES.get(value.getClass());
    }

    /** A lambda or method reference: behaviour bound to an instance, not state. */
    private static boolean isFunction(Object value) {
        return value != null && (value.getClass().isHidden() || value.getClass().isSynthetic());
    }

    /** Whether every element is a value, so that the collection's own copy constructor makes a full copy. */
    private static boolean allValues(Iterable<?> elements) {
        for (Object each : elements) {
            if (each != null && !isValue(each)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allValues(Map<?, ?> map) {
        return allValues(map.keySet()) && allValues(map.values());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object copyValue(Object value, IdentityHashMap<Object, Object> copies) {
        if (value == null || isValue(value) || isFunction(value)) {
            return value;
        }
        Object done = copies.get(value);
        if (done != null) {
            return done;
        }
        Class<?> c = value.getClass();
        Object copy;
        if (c == ArrayList.class && allValues((List<?>) value)) {
            copy = new ArrayList<>((List<Object>) value);
            copies.put(value, copy);
            return copy;
        } else if (c == TreeMap.class && allValues((Map<?, ?>) value)) {
            copy = new TreeMap<>((java.util.SortedMap<Object, Object>) value); // linear: built from sorted entries
            copies.put(value, copy);
            return copy;
        } else if (c == TreeSet.class && allValues((Iterable<?>) value)) {
            copy = new TreeSet<>((java.util.SortedSet<Object>) value);
            copies.put(value, copy);
            return copy;
        }
        if (c == ArrayList.class) {
            List<Object> from = (List<Object>) value;
            ArrayList<Object> to = new ArrayList<>(from.size());
            copies.put(value, to);
            for (Object each : from) {
                to.add(copyValue(each, copies));
            }
            return to;
        } else if (c == TreeMap.class) {
            TreeMap<Object, Object> from = (TreeMap<Object, Object>) value;
            TreeMap<Object, Object> to = new TreeMap<>(from.comparator());
            copies.put(value, to);
            for (Map.Entry<Object, Object> e : from.entrySet()) {
                to.put(copyValue(e.getKey(), copies), copyValue(e.getValue(), copies));
            }
            return to;
        } else if (c == HashMap.class || c == LinkedHashMap.class) {
            Map<Object, Object> from = (Map<Object, Object>) value;
            Map<Object, Object> to = c == HashMap.class ? new HashMap<>(capacity(from.size()))
                    : new LinkedHashMap<>(capacity(from.size()));
            copies.put(value, to);
            for (Map.Entry<Object, Object> e : from.entrySet()) {
                to.put(copyValue(e.getKey(), copies), copyValue(e.getValue(), copies));
            }
            return to;
        } else if (c == TreeSet.class) {
            TreeSet<Object> from = (TreeSet<Object>) value;
            TreeSet<Object> to = new TreeSet<>(from.comparator());
            copies.put(value, to);
            for (Object each : from) {
                to.add(copyValue(each, copies));
            }
            return to;
        } else if (c == HashSet.class || c == LinkedHashSet.class || c == LinkedList.class || c == ArrayDeque.class) {
            Collection<Object> from = (Collection<Object>) value;
            Collection<Object> to = c == HashSet.class ? new HashSet<>(capacity(from.size()))
                    : c == LinkedHashSet.class ? new LinkedHashSet<>(capacity(from.size()))
                    : c == LinkedList.class ? new LinkedList<>() : new ArrayDeque<>(Math.max(1, from.size()));
            copies.put(value, to);
            for (Object each : from) {
                to.add(copyValue(each, copies));
            }
            return to;
        } else if (c.isArray()) {
            int length = Array.getLength(value);
            if (c.getComponentType().isPrimitive()) {
                copy = cloneArray(value);
                copies.put(value, copy);
                return copy;
            }
            Object[] to = (Object[]) Array.newInstance(c.getComponentType(), length);
            copies.put(value, to);
            Object[] from = (Object[]) value;
            for (int i = 0; i < length; i++) {
                to[i] = copyValue(from[i], copies);
            }
            return to;
        } else if (value instanceof Node) {
            throw new IllegalStateException("A node's state holds another node (" + value + "), which a search"
                    + " cannot copy; keep addresses of other nodes, not the nodes themselves.");
        } else if (!c.getName().startsWith("java.") && !c.getName().startsWith("javax.") && !c.isSynthetic()) {
            return copyObject(value, copies);
        }
        copy = roundTrip(value);
        copies.put(value, copy);
        return copy;
    }

    private static int capacity(int size) {
        return Math.max(4, (int) (size / 0.75f) + 1);
    }

    private static Object cloneArray(Object array) {
        if (array instanceof int[] a) {
            return a.clone();
        } else if (array instanceof long[] a) {
            return a.clone();
        } else if (array instanceof boolean[] a) {
            return a.clone();
        } else if (array instanceof byte[] a) {
            return a.clone();
        } else if (array instanceof double[] a) {
            return a.clone();
        } else if (array instanceof char[] a) {
            return a.clone();
        } else if (array instanceof short[] a) {
            return a.clone();
        }
        return ((float[]) array).clone();
    }

    /** A plain object of the lab's own: a new instance (no constructor runs) with each field deep-copied. */
    private static Object copyObject(Object value, IdentityHashMap<Object, Object> copies) {
        try {
            Object copy = Allocation.UNSAFE.allocateInstance(value.getClass());
            copies.put(value, copy);
            for (Field f : FIELDS.get(value.getClass())) {
                if (f.getType().isPrimitive()) {
                    copyPrimitive(f, copy, value);
                } else {
                    f.set(copy, copyValue(f.get(value), copies));
                }
            }
            return copy;
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("Could not copy a " + value.getClass().getName() + " in a node's state", e);
        }
    }

    private static Object roundTrip(Object value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("A node's state holds a " + value.getClass().getName()
                    + " that can be neither copied nor serialized; keep state in records, collections and plain fields.",
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Address, Node> components(Node node) {
        try {
            return (Map<Address, Node>) NODE_COMPONENTS.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binds {@code node} and its components to {@code context} without running {@code init}. */
    static void bind(Node node, NodeContext context) {
        try {
            NODE_CONTEXT.set(node, context);
            for (Node part : components(node).values()) {
                NODE_CONTEXT.set(part, context);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field nodeField(String name) {
        try {
            Field f = Node.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ---- fingerprints ----

    /** The fingerprint of a node's state, its components' included. */
    static long ofNode(Node node) {
        try {
            long h = fold(CLASS_IDS.get(node.getClass()), hashFields(node));
            for (Node part : components(node).values()) {
                h = fold(h, hashString(h, part.address().name()));
                h = fold(h, hashFields(part));
            }
            return mix(h);
        } catch (StackOverflowError e) {
            throw tooDeep(node, e);
        }
    }

    /**
     * A state the walk cannot finish: said in words, since a bare StackOverflowError tells a student nothing. A
     * search compares states by their contents, which a cycle of objects (or a chain thousands deep) has no end of.
     */
    private static IllegalStateException tooDeep(Node node, StackOverflowError e) {
        return new IllegalStateException("The search could not read the state of " + node.address() + " ("
                + node.getClass().getSimpleName() + "): it holds objects that lead back to themselves, or a chain of"
                + " objects nested thousands deep. A search compares states by what they hold, so keep a node's"
                + " state as values (records, collections of them, numbers, strings) and refer to other objects by a"
                + " key or an Address rather than by a reference that leads back.", e);
    }

    /** The fingerprint of a value: a message, a timer, a result. */
    static long of(Object value) {
        return mix(hash(value));
    }

    private static long hashFields(Object object) {
        long h = 0;
        try {
            for (Field f : FIELDS.get(object.getClass())) {
                Class<?> t = f.getType();
                long v;
                if (t == int.class) {
                    v = f.getInt(object);
                } else if (t == long.class) {
                    v = f.getLong(object);
                } else if (t == boolean.class) {
                    v = f.getBoolean(object) ? 1 : 2;
                } else if (t.isPrimitive()) {
                    v = hash(f.get(object));
                } else {
                    Object value = f.get(object);
                    v = value instanceof Node n ? hashString(7, n.address().name())
                            : isFunction(value) ? NULL : hash(value);
                }
                h = fold(h, v);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not read the state of " + object, e);
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    private static long hash(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String s) {
            return hashString(11, s);
        } else if (value instanceof Long l) {
            return fold(13, l);
        } else if (value instanceof Integer i) {
            return fold(17, i);
        } else if (value instanceof Boolean b) {
            return b ? 19 : 23;
        } else if (value instanceof Address a) {
            return hashString(29, a.name());
        } else if (value instanceof Enum<?> e) {
            return fold(CLASS_IDS.get(e.getDeclaringClass()), e.ordinal());
        } else if (value instanceof Double d) {
            return fold(31, Double.doubleToLongBits(d));
        } else if (value instanceof Float f) {
            return fold(37, Float.floatToIntBits(f));
        } else if (value instanceof Character ch) {
            return fold(41, ch);
        } else if (value instanceof Short s) {
            return fold(43, s);
        } else if (value instanceof Byte b) {
            return fold(47, b);
        }
        Class<?> c = value.getClass();
        if (isFunction(value)) {
            return NULL;
        }
        long h = CLASS_IDS.get(c);
        boolean immutable = c.getName().startsWith("java.util.ImmutableCollections");
        if (value instanceof HashMap<?, ?> && !(value instanceof LinkedHashMap<?, ?>)
                || value instanceof Map<?, ?> && immutable) {
            Map<Object, Object> map = (Map<Object, Object>) value;
            long[] entries = new long[map.size()];
            int i = 0;
            for (Map.Entry<Object, Object> e : map.entrySet()) {
                entries[i++] = mix(fold(hash(e.getKey()), hash(e.getValue())));
            }
            return foldSorted(fold(h, entries.length), entries);
        } else if (value instanceof Map<?, ?> map) {
            h = fold(h, map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                h = fold(fold(h, hash(e.getKey())), hash(e.getValue()));
            }
            return h;
        } else if (value instanceof HashSet<?> && !(value instanceof LinkedHashSet<?>)
                || value instanceof Set<?> && immutable) {
            Set<Object> set = (Set<Object>) value;
            long[] entries = new long[set.size()];
            int i = 0;
            for (Object each : set) {
                entries[i++] = mix(hash(each));
            }
            return foldSorted(fold(h, entries.length), entries);
        } else if (value instanceof Collection<?> collection) {
            h = fold(h, collection.size());
            for (Object each : collection) {
                h = fold(h, hash(each));
            }
            return h;
        } else if (c.isArray()) {
            int length = Array.getLength(value);
            h = fold(h, length);
            for (int i = 0; i < length; i++) {
                h = fold(h, hash(Array.get(value, i)));
            }
            return h;
        } else if (value instanceof Optional<?> optional) {
            return fold(h, optional.isPresent() ? hash(optional.get()) : NULL);
        } else if (value instanceof Node node) {
            return hashString(7, node.address().name());
        } else if (c.getName().startsWith("java.")) {
            return fold(h, hashBytes(value));
        }
        return fold(h, hashFields(value));
    }

    private static long hashBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalStateException("A node's state holds a " + value.getClass().getName()
                    + " that a search can neither walk nor serialize", e);
        }
        long h = 53;
        for (byte b : bytes.toByteArray()) {
            h = fold(h, b);
        }
        return h;
    }

    private static long foldSorted(long h, long[] entries) {
        Arrays.sort(entries);
        for (long e : entries) {
            h = fold(h, e);
        }
        return h;
    }

    static long hashString(long seed, String s) {
        long h = fold(seed, s.length());
        int n = s.length();
        int i = 0;
        for (; i + 3 < n; i += 4) {
            h = fold(h, ((long) s.charAt(i) << 48) | ((long) s.charAt(i + 1) << 32)
                    | ((long) s.charAt(i + 2) << 16) | s.charAt(i + 3));
        }
        for (; i < n; i++) {
            h = fold(h, s.charAt(i));
        }
        return h;
    }

    /** One step of the hash: order-sensitive, cheap, and mixed enough once finished with {@link #mix}. */
    static long fold(long h, long v) {
        return Long.rotateLeft((h ^ (v * P2)) * P1, 29) + v;
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The JDK's instance allocation without a constructor, which a field-by-field copy needs. */
    private static final class Allocation {
        static final sun.misc.Unsafe UNSAFE;

        static {
            try {
                Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                UNSAFE = (sun.misc.Unsafe) f.get(null);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
