package dev.mallkit.marketplace.bytecode;

import dev.mallkit.marketplace.bytecode.Reference.Kind;
import dev.mallkit.marketplace.bytecode.Reference.Use;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Turns one class file into references. Each method's code is also replayed into a
 * {@link ClassWriter} that shares the reader's constant pool: ASM does not expose bytecode offsets
 * while reading, but a label placed in the writer resolves to the offset the instruction has there,
 * which is the original one for code a compiler wrote. Offsets are only reported for classes
 * compiled without line numbers.
 */
final class ClassCollector extends ClassVisitor {
    private final List<Reference> out;
    private String className;

    private ClassCollector(ClassWriter writer, List<Reference> out) {
        super(Opcodes.ASM9, writer);
        this.out = out;
    }

    /** Adds the references of {@code classFile} to {@code out}; throws whatever ASM throws on a bad class. */
    static void collect(byte[] classFile, List<Reference> out) {
        ClassReader reader = new ClassReader(classFile);
        reader.accept(new ClassCollector(new ClassWriter(reader, 0), out), ClassReader.SKIP_FRAMES);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name;
        if (superName != null) {
            add(Kind.CLASS, superName, "", "", "", Use.SUPERTYPE, "");
        }
        for (String face : interfaces == null ? new String[0] : interfaces) {
            add(Kind.CLASS, face, "", "", "", Use.SUPERTYPE, "");
        }
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        add(Kind.FIELD, className, name, descriptor, "", Use.DECLARATION, "");
        types(Type.getType(descriptor), "", "");
        return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        String from = name + descriptor;
        boolean nativeMethod = (access & Opcodes.ACC_NATIVE) != 0;
        add(Kind.METHOD, className, name, descriptor, "", nativeMethod ? Use.NATIVE_DECLARATION : Use.DECLARATION, "");
        types(Type.getMethodType(descriptor), from, "");
        for (String exception : exceptions == null ? new String[0] : exceptions) {
            type(exception, from, Use.TYPE, "");
        }
        return new Code(super.visitMethod(access, name, descriptor, signature, exceptions), from);
    }

    /** The references of one method body, each with its call site. */
    private final class Code extends MethodVisitor {
        private final String from;
        private int line = -1;

        Code(MethodVisitor writer, String from) {
            super(Opcodes.ASM9, writer);
            this.from = from;
        }

        private String site() {
            if (line >= 0) {
                return Integer.toString(line);
            }
            Label here = new Label();
            super.visitLabel(here);
            return "@" + here.getOffset();
        }

        @Override
        public void visitLineNumber(int number, Label start) {
            line = number;
            super.visitLineNumber(number, start);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String member, String desc, boolean isInterface) {
            member(Kind.METHOD, owner, member, desc, from, Use.ACCESS, site());
            super.visitMethodInsn(opcode, owner, member, desc, isInterface);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String member, String desc) {
            member(Kind.FIELD, owner, member, desc, from, Use.ACCESS, site());
            super.visitFieldInsn(opcode, owner, member, desc);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            type(type, from, Use.TYPE, site());
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitMultiANewArrayInsn(String desc, int dims) {
            types(Type.getType(desc), from, site());
            super.visitMultiANewArrayInsn(desc, dims);
        }

        @Override
        public void visitLdcInsn(Object value) {
            String site = site();
            if (value instanceof Type type && type.getSort() == Type.METHOD) {
                // a MethodType constant is only good for building method handles
                type("java/lang/invoke/MethodType", from, Use.TYPE, site);
            } else if (value instanceof Type type) {
                type(type.getSort() == Type.ARRAY ? type.getElementType().getInternalName() : type.getInternalName(),
                        from, Use.CLASS_CONSTANT, site);
            } else if (value instanceof Handle handle) {
                type("java/lang/invoke/MethodHandle", from, Use.TYPE, site);
                handle(handle, from, site);
            } else if (value instanceof ConstantDynamic dynamic) {
                dynamic(dynamic, from, site);
            }
            super.visitLdcInsn(value);
        }

        @Override
        public void visitInvokeDynamicInsn(String member, String desc, Handle bootstrap, Object... args) {
            String site = site();
            member(Kind.METHOD, bootstrap.getOwner(), bootstrap.getName(), bootstrap.getDesc(), from, Use.BOOTSTRAP, site);
            types(Type.getMethodType(desc), from, site);
            arguments(args, from, site);
            super.visitInvokeDynamicInsn(member, desc, bootstrap, args);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                type(type, from, Use.TYPE, "");
            }
            super.visitTryCatchBlock(start, end, handler, type);
        }
    }

    private void arguments(Object[] args, String from, String site) {
        for (Object arg : args) {
            if (arg instanceof Handle handle) {
                handle(handle, from, site);
            } else if (arg instanceof Type type) {
                types(type, from, site);
            } else if (arg instanceof ConstantDynamic dynamic) {
                dynamic(dynamic, from, site);
            }
        }
    }

    private void dynamic(ConstantDynamic dynamic, String from, String site) {
        Handle bootstrap = dynamic.getBootstrapMethod();
        member(Kind.METHOD, bootstrap.getOwner(), bootstrap.getName(), bootstrap.getDesc(), from, Use.BOOTSTRAP, site);
        types(Type.getType(dynamic.getDescriptor()), from, site);
        Object[] args = new Object[dynamic.getBootstrapMethodArgumentCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = dynamic.getBootstrapMethodArgument(i);
        }
        arguments(args, from, site);
    }

    private void handle(Handle handle, String from, String site) {
        boolean field = handle.getTag() <= Opcodes.H_PUTSTATIC;
        member(field ? Kind.FIELD : Kind.METHOD, handle.getOwner(), handle.getName(), handle.getDesc(), from, Use.HANDLE, site);
    }

    private void types(Type type, String from, String site) {
        switch (type.getSort()) {
            case Type.METHOD -> {
                types(type.getReturnType(), from, site);
                for (Type argument : type.getArgumentTypes()) {
                    types(argument, from, site);
                }
            }
            case Type.ARRAY -> types(type.getElementType(), from, site);
            case Type.OBJECT -> type(type.getInternalName(), from, Use.TYPE, site);
            default -> { }
        }
    }

    private void type(String internalName, String from, Use use, String site) {
        if (internalName.startsWith("[")) {
            types(Type.getType(internalName), from, site);
        } else {
            add(Kind.CLASS, internalName, "", "", from, use, site);
        }
    }

    private void member(Kind kind, String owner, String name, String desc, String from, Use use, String site) {
        if (owner.startsWith("[")) {
            // calls on arrays (clone) resolve against Object; only the element type matters
            types(Type.getType(owner), from, site);
            return;
        }
        add(kind, owner, name, desc, from, use, site);
    }

    private void add(Kind kind, String owner, String name, String desc, String from, Use use, String site) {
        out.add(new Reference(kind, owner, name, desc, className, from, use, site));
    }
}
