package dev.mallkit.marketplace.bytecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Collects every class, method and field a plugin's bytecode uses: calls, field accesses, type
 * instructions, constants, method references inside invokedynamic, supertypes and signatures.
 */
public final class ReferenceScanner {
    private ReferenceScanner() {
    }

    /** @return the references of every {@code .class} file under {@code root} */
    public static List<Reference> scan(Path root) throws IOException {
        List<Reference> out = new ArrayList<>();
        for (Path file : classFiles(root)) {
            scan(Files.readAllBytes(file), out);
        }
        return out;
    }

    /** @return the {@code .class} files under {@code root}, sorted */
    public static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".class")).sorted().toList();
        }
    }

    /** Adds the references of one class file to {@code out}. */
    public static void scan(byte[] classFile, List<Reference> out) {
        new ClassReader(classFile).accept(new Collector(out), ClassReader.SKIP_FRAMES);
    }

    private static final class Collector extends ClassVisitor {
        private final List<Reference> out;
        private String className;

        Collector(List<Reference> out) {
            super(Opcodes.ASM9);
            this.out = out;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            if (superName != null) {
                type(superName, "");
            }
            for (String face : interfaces) {
                type(face, "");
            }
        }

        @Override
        public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            descriptorTypes(Type.getType(descriptor), "");
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String from = name + descriptor;
            descriptorTypes(Type.getMethodType(descriptor), from);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String member, String desc, boolean isInterface) {
                    add(Reference.Kind.METHOD, owner, member, desc, from);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String member, String desc) {
                    add(Reference.Kind.FIELD, owner, member, desc, from);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    type(type, from);
                }

                @Override
                public void visitMultiANewArrayInsn(String desc, int dims) {
                    descriptorTypes(Type.getType(desc), from);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value, from);
                }

                @Override
                public void visitInvokeDynamicInsn(String member, String desc, Handle bootstrap, Object... args) {
                    constant(bootstrap, from);
                    for (Object arg : args) {
                        constant(arg, from);
                    }
                }

                @Override
                public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                                               org.objectweb.asm.Label handler, String type) {
                    if (type != null) {
                        type(type, from);
                    }
                }
            };
        }

        private void constant(Object value, String from) {
            if (value instanceof Type type) {
                descriptorTypes(type, from);
            } else if (value instanceof Handle handle) {
                boolean field = handle.getTag() <= Opcodes.H_PUTSTATIC;
                add(field ? Reference.Kind.FIELD : Reference.Kind.METHOD, handle.getOwner(), handle.getName(), handle.getDesc(), from);
            } else if (value instanceof ConstantDynamic dynamic) {
                constant(dynamic.getBootstrapMethod(), from);
                for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
                    constant(dynamic.getBootstrapMethodArgument(i), from);
                }
            }
        }

        private void descriptorTypes(Type type, String from) {
            switch (type.getSort()) {
                case Type.METHOD -> {
                    descriptorTypes(type.getReturnType(), from);
                    for (Type argument : type.getArgumentTypes()) {
                        descriptorTypes(argument, from);
                    }
                }
                case Type.ARRAY -> descriptorTypes(type.getElementType(), from);
                case Type.OBJECT -> type(type.getInternalName(), from);
                default -> { }
            }
        }

        private void type(String internalName, String from) {
            if (internalName.startsWith("[")) {
                descriptorTypes(Type.getType(internalName), from);
            } else {
                out.add(new Reference(Reference.Kind.CLASS, internalName, "", "", className, from));
            }
        }

        private void add(Reference.Kind kind, String owner, String name, String desc, String from) {
            if (owner.startsWith("[")) {
                // calls on arrays (clone) resolve against Object; only the element type matters
                descriptorTypes(Type.getType(owner), from);
                return;
            }
            out.add(new Reference(kind, owner, name, desc, className, from));
        }
    }
}
