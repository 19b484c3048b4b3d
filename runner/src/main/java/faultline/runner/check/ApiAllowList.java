package faultline.runner.check;

import faultline.framework.LabPackages;
import java.util.List;
import java.util.Set;

/**
 * What lab code may use, stated as permissions: a type or member outside them is forbidden, and
 * {@link #concernOf} only decides which sentence explains why. Names are JVM internal names
 * ({@code java/util/List}). Everything of the lab's own package and of {@code faultline.framework} is
 * permitted; of the JDK only what keeps a node deterministic and confined:
 * <ul>
 *   <li>java.lang basics: strings, boxes, Math, records, enums, Iterable, Comparable, exceptions, and
 *       System.out/err (the runner captures them);</li>
 *   <li>java.util collections, Optional, streams and functional interfaces (no timers, no parallel
 *       streams, no unseeded randomness, no dates read from the clock);</li>
 *   <li>java.time value types (Duration, Instant, LocalDate...) but never {@code now()};</li>
 *   <li>java.io.Serializable and the java.io exceptions.</li>
 * </ul>
 *
 * <p>Identity hash codes differ from one JVM to the next, so nothing that reads them may decide what a node does:
 * a call to {@code hashCode()} that resolves to {@code Object}'s or {@code Enum}'s (identity) implementation is
 * refused, as are {@code Objects.hashCode}, {@code System.identityHashCode}, {@code Class.hashCode}, and the
 * collections ordered by identity or by the garbage collector ({@code IdentityHashMap}, {@code WeakHashMap}). A
 * call on a receiver whose static type is an interface or a class with its own {@code hashCode} is the runtime
 * class's to answer, and a hash collection's own calls cannot be seen: keys of a HashMap must be values (records,
 * strings, enums in an EnumMap). Stack traces ({@code getStackTrace}) are refused for the same reason, and so is
 * all parallel work ({@code parallel*} members, {@code StreamSupport}, java.util.concurrent).
 */
public final class ApiAllowList {

    private static final String FRAMEWORK = "faultline/framework/";

    private static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "StringBuilder", "StringBuffer", "CharSequence", "Character", "Boolean", "Byte",
            "Short", "Integer", "Long", "Float", "Double", "Number", "Math", "StrictMath", "Enum", "Record",
            "Iterable", "Comparable", "AutoCloseable", "Cloneable", "Runnable", "Appendable", "Void", "Class",
            "System", "Override", "FunctionalInterface", "SafeVarargs", "Deprecated", "SuppressWarnings");

    /** java.util types that read the clock, the file system, the class path, or run on other threads. */
    private static final Set<String> JAVA_UTIL_EXCLUDED = Set.of(
            "Timer", "TimerTask", "ServiceLoader", "Scanner", "Date", "Calendar", "GregorianCalendar", "TimeZone",
            "SimpleTimeZone", "Properties", "ResourceBundle", "PropertyResourceBundle", "ListResourceBundle",
            "Formatter", "IdentityHashMap", "WeakHashMap");

    private static final Set<String> JAVA_TIME = Set.of(
            "java/time/Duration", "java/time/Instant", "java/time/Period", "java/time/LocalDate", "java/time/LocalTime",
            "java/time/LocalDateTime", "java/time/DayOfWeek", "java/time/Month", "java/time/DateTimeException",
            "java/time/temporal/ChronoUnit", "java/time/temporal/TemporalUnit", "java/time/temporal/TemporalAmount");

    /**
     * Of classes lab code names itself ({@code Foo.class}): it may not ask an object for its class, since what the
     * framework hands a node (a command, a callback) may be of a hidden suite's class, whose name would tell lab code
     * which test it is in. desiredAssertionStatus is what javac's {@code assert} asks; assertions are on in every
     * run, graded or not, so it answers the same everywhere.
     */
    private static final Set<String> CLASS_METHODS = Set.of(
            "getName", "getSimpleName", "getTypeName", "isInstance", "cast", "desiredAssertionStatus", "equals",
            "toString", "isEnum", "isRecord", "isArray", "isInterface", "isPrimitive");

    // Not identityHashCode: identity hashes differ from one JVM to the next, so a run that depends on them
    // would not replay from its seed.
    private static final Set<String> SYSTEM_MEMBERS = Set.of("out", "err", "arraycopy",
            "lineSeparator");

    /** Bootstraps javac itself emits for lambdas, string concatenation, records and pattern switches. */
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods",
            "java/lang/runtime/SwitchBootstraps");

    private final List<String> labPackages;

    /** @param lab the lab name; lab code lives in the lab's packages ({@link LabPackages}) and their subpackages */
    public ApiAllowList(String lab) {
        this.labPackages = LabPackages.of(lab).stream().map(name -> "faultline/labs/" + name + "/").toList();
    }

    public boolean inLabPackage(String className) {
        return labPackages.stream().anyMatch(className::startsWith);
    }

    public boolean permitsBootstrap(String owner) {
        return BOOTSTRAPS.contains(owner);
    }

    /** Whether lab code may name this type at all (instantiate, cast, catch, call into, extend). */
    public boolean permitsType(String type) {
        String t = elementType(type);
        if (t.isEmpty() || inLabPackage(t) || inPackage(t, FRAMEWORK)) {
            return true;
        }
        String top = topLevel(t);
        if (inPackage(t, "java/lang/")) {
            return JAVA_LANG.contains(top.substring("java/lang/".length())) || isJdkThrowable(t);
        }
        if (inPackage(t, "java/util/")) {
            return !JAVA_UTIL_EXCLUDED.contains(top.substring("java/util/".length()));
        }
        if (inPackage(t, "java/util/function/") || inPackage(t, "java/util/stream/")) {
            return true;
        }
        if (inPackage(t, "java/io/")) {
            return t.equals("java/io/Serializable") || t.equals("java/io/PrintStream") || isJdkThrowable(t);
        }
        return t.equals("java/util/random/RandomGenerator") || JAVA_TIME.contains(top);
    }

    /**
     * Whether lab code may use this member of a type it may name. {@code owner} is the JDK or framework
     * class that declares (or inherits) it.
     */
    public boolean permitsMember(String owner, String name, String descriptor) {
        if (!permitsType(owner)) {
            return false;
        }
        if (owner.startsWith("[") || inLabPackage(owner) || inPackage(owner, FRAMEWORK)) {
            return true;
        }
        if (name.equals("wait") || name.equals("notify") || name.equals("notifyAll")) {
            return false;
        }
        if (owner.startsWith("java/util/") && name.startsWith("parallel")) {
            return false;
        }
        if (name.equals("getStackTrace") || name.equals("getClass") || isIdentityHash(owner, name, descriptor)) {
            return false;
        }
        if (owner.startsWith("java/time/") && name.equals("now")) {
            return false;
        }
        if (isOrderedPerJvm(owner, name)) {
            return false;
        }
        return switch (owner) {
            case "java/lang/System" -> SYSTEM_MEMBERS.contains(name);
            case "java/lang/Class" -> CLASS_METHODS.contains(name);
            case "java/lang/Math", "java/lang/StrictMath" -> !name.equals("random");
            case "java/lang/Integer" -> !name.equals("getInteger");
            case "java/lang/Long" -> !name.equals("getLong");
            case "java/lang/Boolean" -> !name.equals("getBoolean");
            case "java/util/Random", "java/util/SplittableRandom" -> !name.equals("<init>");
            case "java/util/random/RandomGenerator" -> !name.equals("of") && !name.equals("getDefault");
            case "java/util/UUID" -> !name.equals("randomUUID");
            // Every method of StreamSupport takes a "parallel" flag.
            case "java/util/stream/StreamSupport" -> false;
            // The default locale is the JVM's, shared by every node and read from the machine.
            case "java/util/Locale" -> !name.equals("setDefault") && !name.equals("getDefault");
            case "java/util/Collections" -> !(name.equals("shuffle") && descriptor.equals("(Ljava/util/List;)V"));
            case "java/io/PrintStream" -> !name.equals("<init>");
            default -> true;
        };
    }

    /**
     * The JDK's immutable sets and maps iterate in an order salted when the JVM starts: code that walks one would
     * decide differently in the next JVM, so a failure would not replay from its seed.
     */
    private static boolean isOrderedPerJvm(String owner, String name) {
        return switch (owner) {
            case "java/util/Set" -> name.equals("of") || name.equals("copyOf");
            case "java/util/Map" -> name.equals("of") || name.equals("copyOf") || name.equals("ofEntries");
            case "java/util/stream/Collectors" -> name.equals("toUnmodifiableSet") || name.equals("toUnmodifiableMap");
            default -> false;
        };
    }

    /** hashCode() as Object or Enum implement it (the identity hash), or Objects.hashCode of any object. */
    private static boolean isIdentityHash(String owner, String name, String descriptor) {
        return name.equals("hashCode") && (descriptor.equals("()I")
                ? owner.equals("java/lang/Object") || owner.equals("java/lang/Enum")
                : owner.equals("java/util/Objects"));
    }

    /** Which sentence explains a forbidden use of this type or one of its members. */
    public Concern concernOf(String owner, String member) {
        String t = elementType(owner);
        String top = topLevel(t);
        if (t.startsWith("faultline/") && !inPackage(t, FRAMEWORK)) {
            return t.startsWith("faultline/labs/") ? Concern.PACKAGE : Concern.HIDDEN;
        }
        if (member.equals("wait") || member.equals("notify") || member.equals("notifyAll")) {
            return Concern.LOCKS;
        }
        if (isOrderedPerJvm(top, member)) {
            return Concern.ORDER;
        }
        if (member.startsWith("parallel") || top.equals("java/util/stream/StreamSupport")) {
            return Concern.THREADS;
        }
        if (member.equals("hashCode") || member.equals("getStackTrace") || member.equals("identityHashCode")
                || top.equals("java/util/IdentityHashMap") || top.equals("java/util/WeakHashMap")) {
            return Concern.IDENTITY;
        }
        if (member.equals("now") || top.equals("java/time/Clock") || top.equals("java/util/Date")
                || top.equals("java/util/Calendar") || top.equals("java/util/GregorianCalendar")
                || top.equals("java/util/TimeZone") || top.startsWith("java/time/")) {
            return Concern.CLOCK;
        }
        if (top.equals("java/util/Random") || top.equals("java/util/SplittableRandom")
                || top.equals("java/util/concurrent/ThreadLocalRandom") || top.equals("java/security/SecureRandom")
                || member.equals("random") || member.equals("randomUUID") || member.equals("shuffle")
                || top.startsWith("java/util/random/")) {
            return Concern.RANDOMNESS;
        }
        if (top.equals("java/lang/System")) {
            return switch (member) {
                case "exit" -> Concern.PROCESS;
                case "currentTimeMillis", "nanoTime" -> Concern.CLOCK;
                case "getProperty", "getProperties", "setProperty", "setProperties", "clearProperty", "getenv",
                        "getLogger" -> Concern.ENVIRONMENT;
                case "load", "loadLibrary", "mapLibraryName" -> Concern.NATIVE;
                case "in", "setIn", "setOut", "setErr", "console", "inheritedChannel" -> Concern.FILES;
                default -> Concern.PROCESS;
            };
        }
        if (member.equals("getInteger") || member.equals("getLong") || member.equals("getBoolean")
                || (top.equals("java/util/Locale") && (member.equals("setDefault") || member.equals("getDefault")))) {
            return Concern.ENVIRONMENT;
        }
        if (top.startsWith("java/lang/Thread") || top.equals("java/lang/InheritableThreadLocal")
                || t.startsWith("java/util/concurrent/") || top.equals("java/util/Timer")
                || top.equals("java/util/TimerTask")) {
            return Concern.THREADS;
        }
        if (top.equals("java/lang/ClassLoader") || top.equals("java/net/URLClassLoader")
                || top.equals("java/security/SecureClassLoader") || top.equals("java/util/ServiceLoader")
                || top.equals("java/lang/ModuleLayer") || top.equals("java/util/ResourceBundle")) {
            return Concern.CLASS_LOADING;
        }
        if (inPackage(t, "java/lang/reflect/") || inPackage(t, "java/lang/invoke/") || top.equals("java/lang/Class")
                || member.equals("getClass")
                || top.equals("java/lang/Module") || top.equals("java/lang/StackWalker")
                || top.equals("java/lang/ref/Reference")) {
            return Concern.REFLECTION;
        }
        if (top.equals("java/lang/Runtime") || top.equals("java/lang/ProcessBuilder") || top.equals("java/lang/Process")
                || top.equals("java/lang/ProcessHandle") || top.equals("java/lang/Shutdown")) {
            return Concern.PROCESS;
        }
        if (inPackage(t, "java/net/") || inPackage(t, "javax/net/") || inPackage(t, "java/nio/channels/")
                || inPackage(t, "java/rmi/")) {
            return Concern.NETWORK;
        }
        if (inPackage(t, "java/io/") || inPackage(t, "java/nio/file/") || top.equals("java/util/Scanner")
                || top.equals("java/util/Formatter") || top.equals("java/util/Properties")) {
            return Concern.FILES;
        }
        if (inPackage(t, "sun/") || inPackage(t, "jdk/") || inPackage(t, "com/sun/")) {
            return Concern.INTERNALS;
        }
        return Concern.OTHER;
    }

    static String elementType(String type) {
        String t = type;
        while (t.startsWith("[")) {
            t = t.substring(1);
        }
        if (t.startsWith("L") && t.endsWith(";")) {
            return t.substring(1, t.length() - 1);
        }
        // A primitive array element ("I", "J"...) names no class.
        return t.length() == 1 && type.startsWith("[") ? "" : t;
    }

    private static String topLevel(String type) {
        int dollar = type.indexOf('$');
        return dollar < 0 ? type : type.substring(0, dollar);
    }

    private static boolean inPackage(String type, String pkg) {
        return type.startsWith(pkg) && type.indexOf('/', pkg.length()) < 0;
    }

    /** java.lang and java.io exceptions are harmless to throw and catch. */
    private static boolean isJdkThrowable(String type) {
        try {
            Class<?> c = Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            return Throwable.class.isAssignableFrom(c);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** "java.lang.Thread.start" for people, from internal names. */
    static String describe(String owner, String member) {
        String cls = elementType(owner).replace('/', '.').replace('$', '.');
        return member.isEmpty() ? cls : cls + "." + member;
    }
}
