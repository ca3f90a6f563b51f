package dev.mallkit.marketplace.forbidden;

import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.H_INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

/** Probes javac would not write: custom bootstraps, handle and dynamic constants, code without line numbers. */
final class AsmProbes {
    private AsmProbes() {
    }

    private static final String BOOTSTRAP = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
            + "[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;";
    private static final Handle GETENV = new Handle(H_INVOKESTATIC, "java/lang/System", "getenv", "(Ljava/lang/String;)Ljava/lang/String;", false);
    private static final Handle CURRENT_PROCESS = new Handle(H_INVOKESTATIC, "java/lang/ProcessHandle", "current",
            "()Ljava/lang/ProcessHandle;", true);
    private static final Handle GET_RUNTIME = new Handle(H_INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false);

    static List<Probe> all() {
        return List.of(
                probe("FORBIDDEN_REFLECTION", "an invokedynamic with the plugin's own bootstrap", "A0", 7, mv ->
                        mv.visitInvokeDynamicInsn("run", "()V", new Handle(H_INVOKESTATIC, "acme/A0", "bsm", BOOTSTRAP, false))),
                probe("FORBIDDEN_ENVIRONMENT", "an ldc of a method handle to System.getenv", "A1", 7, mv -> {
                    mv.visitLdcInsn(GETENV);
                    mv.visitInsn(POP);
                }),
                probe("FORBIDDEN_EXIT", "a dynamic constant invoking Runtime.getRuntime", "A2", 7, mv -> {
                    mv.visitLdcInsn(new ConstantDynamic("rt", "Ljava/lang/Object;", new Handle(H_INVOKESTATIC,
                            "java/lang/invoke/ConstantBootstraps", "invoke", "(Ljava/lang/invoke/MethodHandles$Lookup;"
                            + "Ljava/lang/String;Ljava/lang/Class;Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;)Ljava/lang/Object;",
                            false), GET_RUNTIME));
                    mv.visitInsn(POP);
                }),
                probe("FORBIDDEN_ENVIRONMENT", "System.getProperty in a class without line numbers (offset 1)", "A3", -1, mv -> {
                    mv.visitInsn(ACONST_NULL);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "getProperty", "(Ljava/lang/String;)Ljava/lang/String;", false);
                    mv.visitInsn(POP);
                }),
                probe("FORBIDDEN_ENVIRONMENT", "System.getenv without line numbers after an ldc (offset 4)", "A4", -1, mv -> {
                    mv.visitInsn(ICONST_0);
                    mv.visitInsn(POP);
                    mv.visitLdcInsn("MALLKIT_ADMIN_TOKEN");
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "getenv", "(Ljava/lang/String;)Ljava/lang/String;", false);
                    mv.visitInsn(POP);
                }),
                probe("FORBIDDEN_PROCESS", "an allowed bootstrap carrying a handle to ProcessHandle.current", "A5", 7, mv ->
                        mv.visitInvokeDynamicInsn("concat", "()Ljava/lang/String;", new Handle(H_INVOKESTATIC,
                                "java/lang/invoke/StringConcatFactory", "makeConcatWithConstants", BOOTSTRAP, false), "\u0001",
                                CURRENT_PROCESS)),
                probe("FORBIDDEN_REFLECTION", "an ldc of a MethodType", "A6", 7, mv -> {
                    mv.visitLdcInsn(Type.getMethodType("(I)V"));
                    mv.visitInsn(POP);
                }),
                probe("FORBIDDEN_HOST_API", "a call into a class the plugin ships under org.pf4j", "A7", 7, mv ->
                        mv.visitMethodInsn(INVOKESTATIC, "org/pf4j/Evil", "run", "()V", false)),
                new Probe("a class shipped in org.pf4j, which PF4J loads from the host", "FORBIDDEN_HOST_API", "org.pf4j.Evil",
                        "org.pf4j.Evil", null, type("org/pf4j/Evil", -1, mv -> { })));
    }

    /** A probe whose {@code run()} holds {@code code}, on {@code line} or, when negative, with no line numbers at all. */
    private static Probe probe(String code, String name, String simple, int line, Consumer<MethodVisitor> body) {
        String site = line >= 0 ? Integer.toString(line) : "@" + offsetOf(name);
        return new Probe(name, code, "acme." + simple, "acme." + simple + "#run()V:" + site, null, type("acme/" + simple, line, body));
    }

    private static String offsetOf(String name) {
        return name.substring(name.indexOf("(offset ") + 8, name.indexOf(')', name.indexOf("(offset ")));
    }

    private static byte[] type(String internalName, int line, Consumer<MethodVisitor> body) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(V17, ACC_PUBLIC, internalName, null, "java/lang/Object", null);
        MethodVisitor mv = writer.visitMethod(ACC_PUBLIC, "run", "()V", null, null);
        mv.visitCode();
        if (line >= 0) {
            Label start = new Label();
            mv.visitLabel(start);
            mv.visitLineNumber(line, start);
        }
        body.accept(mv);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
