package dev.mallkit.api.compat;

import java.util.function.UnaryOperator;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Class-file edits with ASM that stand in for a change to the API's sources. */
final class ClassEdits {
    private ClassEdits() {
    }

    /** @return an edit that drops the method {@code name} with descriptor {@code descriptor} */
    static UnaryOperator<byte[]> removeMethod(String name, String descriptor) {
        return bytes -> rewrite(bytes, out -> new ClassVisitor(Opcodes.ASM9, out) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String signature, String[] exceptions) {
                return n.equals(name) && d.equals(descriptor) ? null : super.visitMethod(access, n, d, signature, exceptions);
            }
        });
    }

    /**
     * @return an edit that adds {@code public boolean name()}: abstract when {@code withBody} is
     * false (only valid in an interface), otherwise returning false (a concrete or default method)
     */
    static UnaryOperator<byte[]> addBooleanMethod(String name, boolean withBody) {
        return bytes -> rewrite(bytes, out -> new ClassVisitor(Opcodes.ASM9, out) {
            @Override
            public void visitEnd() {
                int access = Opcodes.ACC_PUBLIC | (withBody ? 0 : Opcodes.ACC_ABSTRACT);
                MethodVisitor method = super.visitMethod(access, name, "()Z", null, null);
                if (withBody) {
                    method.visitCode();
                    method.visitInsn(Opcodes.ICONST_0);
                    method.visitInsn(Opcodes.IRETURN);
                    method.visitMaxs(0, 0);
                }
                method.visitEnd();
                super.visitEnd();
            }
        });
    }

    private static byte[] rewrite(byte[] bytes, UnaryOperator<ClassVisitor> edit) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        new ClassReader(bytes).accept(edit.apply(writer), 0);
        return writer.toByteArray();
    }
}
