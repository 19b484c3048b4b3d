package faultline.runner.check;

import faultline.runner.report.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads every class a submission compiled to and reports each use of an API outside the
 * {@link ApiAllowList}, one diagnostic per use, with the source file and the line from the class's
 * line-number table. A call through the submission's own class to a method it inherits from the JDK
 * ({@code this.wait()}, a subclass's {@code start()}) is judged by the JDK class that declares it.
 */
public final class ApiCheck {

    /** Types whose values never change, besides the lab's own constants. */
    private static final Set<String> CONSTANT_TYPES = Set.of("java/lang/String", "java/lang/Integer", "java/lang/Long",
            "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean", "java/lang/Float",
            "java/lang/Double", "faultline/framework/Address");

    /** Past this many, more diagnostics repeat the same lesson; the count is still reported. */
    private static final int MAX_DIAGNOSTICS = 100;

    private final ApiAllowList allowList;

    public ApiCheck(ApiAllowList allowList) {
        this.allowList = allowList;
    }

    /**
     * @param classes     the folder javac wrote to
     * @param sourceFiles the submitted sources, relative to their root, to name files as the student sees them
     */
    public List<Diagnostic> check(Path classes, Collection<Path> sourceFiles) throws IOException {
        Map<String, ClassShape> shapes = new HashMap<>();
        List<ClassReader> readers = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    ClassReader reader = new ClassReader(in);
                    readers.add(reader);
                    ClassShape shape = ClassShape.of(reader);
                    shapes.put(shape.name(), shape);
                }
            }
        }
        Set<String> sources = new HashSet<>();
        sourceFiles.forEach(p -> sources.add(p.toString().replace('\\', '/')));
        Set<Diagnostic> found = new LinkedHashSet<>();
        for (ClassReader reader : readers) {
            reader.accept(new Inspector(shapes, sources, found), ClassReader.SKIP_FRAMES);
        }
        List<Diagnostic> all = new ArrayList<>(found);
        if (all.size() > MAX_DIAGNOSTICS) {
            int more = all.size() - MAX_DIAGNOSTICS;
            all = new ArrayList<>(all.subList(0, MAX_DIAGNOSTICS));
            all.add(new Diagnostic(".", 0, more + " more uses of forbidden APIs are not listed."));
        }
        return all;
    }

    /**
     * A submitted class's name, access flags, supertypes, declared members (to resolve inherited calls) and
     * fields (to tell constants from state).
     */
    private record ClassShape(String name, int access, String superName, List<String> interfaces, Set<String> members,
                              List<FieldShape> fields) {
        static ClassShape of(ClassReader reader) {
            Set<String> members = new HashSet<>();
            List<FieldShape> fields = new ArrayList<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public FieldVisitor visitField(int access, String name, String desc, String sig, Object v) {
                    members.add(name);
                    fields.add(new FieldShape(name, desc, access));
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    members.add(name + desc);
                    return null;
                }
            }, ClassReader.SKIP_CODE);
            return new ClassShape(reader.getClassName(), reader.getAccess(),
                    reader.getSuperName() == null ? "" : reader.getSuperName(), List.of(reader.getInterfaces()), members,
                    List.copyOf(fields));
        }

        boolean isEnum() {
            return (access & Opcodes.ACC_ENUM) != 0;
        }
    }

    private record FieldShape(String name, String descriptor, int access) {
        boolean is(int flag) {
            return (access & flag) != 0;
        }
    }

    private final class Inspector extends ClassVisitor {
        private final Map<String, ClassShape> shapes;
        private final Set<String> sources;
        private final Set<Diagnostic> found;
        private String className = "";
        private String file = "";
        private boolean headerChecked;
        private final Set<String> reportedOnLine = new HashSet<>();
        /** Fields that would be state outside any node, by name, with the first line that touches each. */
        private final Map<String, Integer> sharedState = new java.util.TreeMap<>();

        Inspector(Map<String, ClassShape> shapes, Set<String> sources, Set<Diagnostic> found) {
            super(Opcodes.ASM9);
            this.shapes = shapes;
            this.sources = sources;
            this.found = found;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            file = guessFile(name, simpleName(name) + ".java");
        }

        @Override
        public void visitSource(String source, String debug) {
            if (source != null) {
                file = guessFile(className, source);
            }
            checkHeader();
        }

        @Override
        public void visitEnd() {
            checkHeader();
            sharedState.forEach((field, line) -> found.add(diagnostic(Concern.SHARED_STATE,
                    "the field " + nestedName(className) + "." + field, line)));
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            checkType(descriptor, 0);
            return null;
        }

        /**
         * A static field that is not a final constant is state shared by every node and every test in the JVM; so
         * is a field of an enum, whose constants are static. Reported once the class's methods have shown where
         * the field is first touched.
         */
        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            checkHeader();
            boolean synthetic = (access & Opcodes.ACC_SYNTHETIC) != 0;
            boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
            if (!synthetic && (isStatic || shapes.get(className).isEnum())
                    && ((access & Opcodes.ACC_FINAL) == 0 || !isConstant(descriptor, new HashSet<>()))) {
                sharedState.put(name, 0);
            }
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    checkType(annotation, 0);
                    return null;
                }
            };
        }

        /**
         * Whether a value of this type can never change once made: primitives, strings, boxed numbers,
         * addresses, the lab's enums (whose fields are checked on their own), and the lab's records and final
         * classes whose every field, their superclasses' included, is a final constant too. A class that is not
         * final could be given a subclass that holds state.
         */
        private boolean isConstant(String descriptor, Set<String> visiting) {
            Type type = Type.getType(descriptor);
            if (type.getSort() != Type.OBJECT) {
                return type.getSort() != Type.ARRAY;
            }
            String name = type.getInternalName();
            if (CONSTANT_TYPES.contains(name)) {
                return true;
            }
            ClassShape shape = shapes.get(name);
            if (shape == null) {
                return false;
            }
            return shape.isEnum() || ((shape.access() & Opcodes.ACC_FINAL) != 0 && holdsOnlyConstants(shape, visiting));
        }

        private boolean holdsOnlyConstants(ClassShape shape, Set<String> visiting) {
            if (!visiting.add(shape.name())) {
                return true; // met again inside itself: the rest of the walk decides
            }
            String parent = shape.superName();
            boolean parentConstant = parent.equals("java/lang/Object") || parent.equals("java/lang/Record")
                    || (shapes.containsKey(parent) && holdsOnlyConstants(shapes.get(parent), visiting));
            return parentConstant && shape.fields().stream().filter(f -> !f.is(Opcodes.ACC_STATIC))
                    .allMatch(f -> f.is(Opcodes.ACC_FINAL) && isConstant(f.descriptor(), visiting));
        }

        /** Package and supertypes, checked once the file is known (visitSource follows visit, if present). */
        private void checkHeader() {
            if (headerChecked) {
                return;
            }
            headerChecked = true;
            ClassShape shape = shapes.get(className);
            if (!allowList.inLabPackage(className)) {
                report(Concern.PACKAGE, className, "", 0);
            }
            if (!shape.superName().isEmpty()) {
                checkType(shape.superName(), 0);
            }
            shape.interfaces().forEach(i -> checkType(i, 0));
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            checkHeader();
            return new MethodVisitor(Opcodes.ASM9) {
                private int line;
                private boolean modifiersChecked;

                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    checkType(annotation, line);
                    return null;
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                    checkType(annotation, line);
                    return null;
                }

                @Override
                public void visitLineNumber(int number, Label start) {
                    line = number;
                    checkModifiers();
                }

                @Override
                public void visitEnd() {
                    checkModifiers();
                }

                /** Native and synchronized methods, reported at the method's first line once it is known. */
                private void checkModifiers() {
                    if (modifiersChecked) {
                        return;
                    }
                    modifiersChecked = true;
                    if ((access & Opcodes.ACC_NATIVE) != 0) {
                        report(Concern.NATIVE, className, name, line);
                    }
                    if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                        found.add(diagnostic(Concern.LOCKS, "synchronized method " + simpleName(className) + "." + name, line));
                    }
                    if (name.equals("finalize") && desc.equals("()V")) {
                        found.add(diagnostic(Concern.THREADS, "a finalize method, which the JVM runs on a thread of its"
                                + " own (" + simpleName(className) + ".finalize)", line));
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        found.add(diagnostic(Concern.LOCKS, "a synchronized block", line));
                    }
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    // A NEW is always followed by the constructor call, which is reported as "new T".
                    if (opcode != Opcodes.NEW) {
                        checkType(type, line);
                    }
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int dims) {
                    checkType(descriptor, line);
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    if (type != null) {
                        checkType(type, line);
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDesc) {
                    checkMember(owner, fieldName, fieldDesc, line);
                    // Where the field is declared, if it has an initialiser; else where it is first touched.
                    if (owner.equals(className) && line > 0) {
                        boolean initialiser = name.equals("<clinit>") && opcode == Opcodes.PUTSTATIC;
                        sharedState.computeIfPresent(fieldName, (f, first) -> first == 0 || initialiser ? line : first);
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String methodName, String methodDesc, boolean itf) {
                    checkMember(owner, methodName, methodDesc, line);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    checkConstant(value, line);
                }

                @Override
                public void visitInvokeDynamicInsn(String indyName, String indyDesc, Handle bootstrap, Object... args) {
                    if (!allowList.permitsBootstrap(bootstrap.getOwner())) {
                        found.add(diagnostic(Concern.REFLECTION,
                                "the bootstrap method " + ApiAllowList.describe(bootstrap.getOwner(), bootstrap.getName()), line));
                        return;
                    }
                    for (Object arg : args) {
                        checkConstant(arg, line);
                    }
                }
            };
        }

        private void checkConstant(Object value, int line) {
            if (value instanceof Type type) {
                if (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY) {
                    checkType(type.getInternalName(), line);
                }
            } else if (value instanceof Handle handle) {
                // A method reference (System::exit) reaches the method without a call instruction.
                checkMember(handle.getOwner(), handle.getName(), handle.getDesc(), line);
            } else if (value instanceof ConstantDynamic condy) {
                found.add(diagnostic(Concern.REFLECTION, "a dynamic constant " + condy.getName(), line));
            }
        }

        private void checkType(String type, int line) {
            String t = ApiAllowList.elementType(type);
            if (t.isEmpty() || shapes.containsKey(t)) {
                return;
            }
            if (!allowList.permitsType(t)) {
                report(allowList.concernOf(t, ""), t, "", line);
            }
        }

        private void checkMember(String owner, String name, String desc, int line) {
            String t = ApiAllowList.elementType(owner);
            if (owner.startsWith("[")) {
                checkType(owner, line);
                return;
            }
            if (!shapes.containsKey(t)) {
                if (!allowList.permitsMember(t, name, desc)) {
                    report(allowList.concernOf(t, name), t, name, line);
                }
                return;
            }
            // Walk the submission's own hierarchy; the first class outside it decides.
            String key = desc.startsWith("(") ? name + desc : name;
            Deque<String> pending = new ArrayDeque<>(List.of(t));
            Set<String> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                String c = pending.pop();
                if (!seen.add(c)) {
                    continue;
                }
                ClassShape shape = shapes.get(c);
                if (shape == null) {
                    if (!allowList.permitsMember(c, name, desc)) {
                        report(allowList.concernOf(c, name), c, name, line);
                        return;
                    }
                    continue;
                }
                if (shape.members().contains(key)) {
                    return;
                }
                if (!shape.superName().isEmpty()) {
                    pending.add(shape.superName());
                }
                pending.addAll(shape.interfaces());
            }
        }

        /** One diagnostic per forbidden class per line: "new Socket(...).close()" is one use, not three. */
        private void report(Concern concern, String owner, String member, int line) {
            if (line > 0 && !reportedOnLine.add(line + ":" + ApiAllowList.elementType(owner))) {
                return;
            }
            String api = member.equals("<init>") ? "new " + ApiAllowList.describe(owner, "")
                    : ApiAllowList.describe(owner, member);
            found.add(diagnostic(concern, api, line));
        }

        private Diagnostic diagnostic(Concern concern, String api, int line) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            String where = line > 0 ? name + ":" + line : name;
            return new Diagnostic(file, line, concern.sentence(api, where));
        }

        private String guessFile(String internalName, String sourceName) {
            int slash = internalName.lastIndexOf('/');
            String candidate = (slash < 0 ? "" : internalName.substring(0, slash + 1)) + sourceName;
            if (sources.contains(candidate)) {
                return candidate;
            }
            return sources.stream().filter(s -> s.endsWith("/" + sourceName) || s.equals(sourceName)).findFirst()
                    .orElse(candidate);
        }
    }

    /** "SharedState.Mode" for a nested class, as the source names it. */
    private static String nestedName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1).replace('$', '.');
    }

    private static String simpleName(String internalName) {
        String s = internalName.substring(internalName.lastIndexOf('/') + 1);
        int dollar = s.indexOf('$');
        return dollar < 0 ? s : s.substring(0, dollar);
    }
}
