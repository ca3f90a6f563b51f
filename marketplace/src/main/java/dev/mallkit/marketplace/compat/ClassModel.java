package dev.mallkit.marketplace.compat;

import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The members a class declares, as a linker sees them.
 *
 * @param access     class access flags
 * @param name       internal name
 * @param superName  internal name of the superclass, null for {@code java/lang/Object}
 * @param interfaces internal names of the direct superinterfaces
 * @param methods    {@code name + descriptor} of every declared method
 * @param fields     {@code name + ":" + descriptor} of every declared field
 * @param abstractMethods the subset of {@code methods} without a body
 */
record ClassModel(int access, String name, String superName, List<String> interfaces, Set<String> methods, Set<String> fields,
                  Set<String> abstractMethods) {
    ClassModel {
        interfaces = List.copyOf(interfaces);
        methods = Set.copyOf(methods);
        fields = Set.copyOf(fields);
        abstractMethods = Set.copyOf(abstractMethods);
    }

    boolean concrete() {
        return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0;
    }

    static ClassModel read(byte[] classFile) {
        java.util.Set<String> methods = new java.util.HashSet<>();
        java.util.Set<String> fields = new java.util.HashSet<>();
        java.util.Set<String> abstractMethods = new java.util.HashSet<>();
        int[] classAccess = new int[1];
        String[][] header = new String[3][];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                classAccess[0] = access;
                header[0] = new String[] {name};
                header[1] = new String[] {superName};
                header[2] = interfaces;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                methods.add(name + descriptor);
                if ((access & Opcodes.ACC_ABSTRACT) != 0) {
                    abstractMethods.add(name + descriptor);
                }
                return null;
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                fields.add(name + ":" + descriptor);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassModel(classAccess[0], header[0][0], header[1][0], List.of(header[2]), methods, fields, abstractMethods);
    }
}
