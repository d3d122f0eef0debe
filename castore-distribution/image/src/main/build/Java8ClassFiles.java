import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the classes of a jar that are older than Java 8 class files (version 52) as version 52,
 * with the stack maps that version requires, and copies every other entry as it is, in the same
 * order and with the same times: the same input jar gives the same output jar.
 *
 * <p>Why: the JDK's ahead-of-time cache keeps classes of version 49 and below (picocli's are Java
 * 5 bytecode) out of its linked classes, so every command parsed, verified (with the old,
 * inferencing verifier) and linked picocli's classes at start. The instructions, constant pool
 * entries and attributes stay as they were; only the version and the stack maps change.
 *
 * <p>Usage: {@code java Java8ClassFiles.java IN.jar OUT.jar} (JDK 25: the class-file API).
 */
public final class Java8ClassFiles {

    private static final int JAVA_8 = 52;

    private Java8ClassFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java Java8ClassFiles.java IN.jar OUT.jar");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        // Stack maps name common supertypes: resolved from the JDK, else from the jar's own classes.
        try (URLClassLoader jar = new URLClassLoader(new URL[] {in.toUri().toURL()}, null)) {
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(jar)).cached()));
            try (InputStream input = Files.newInputStream(in); ZipInputStream zin = new ZipInputStream(input);
                    OutputStream output = Files.newOutputStream(out); ZipOutputStream zout = new ZipOutputStream(output)) {
                for (ZipEntry entry = zin.getNextEntry(); entry != null; entry = zin.getNextEntry()) {
                    byte[] bytes = zin.readAllBytes();
                    if (entry.getName().endsWith(".class")) {
                        bytes = upgraded(classFile, bytes);
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    zout.putNextEntry(copy);
                    zout.write(bytes);
                    zout.closeEntry();
                }
            }
        }
    }

    private static byte[] upgraded(ClassFile classFile, byte[] bytes) {
        ClassModel model = classFile.parse(bytes);
        if (model.majorVersion() >= JAVA_8) {
            return bytes;
        }
        return classFile.transformClass(model, (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(JAVA_8, 0);
            } else if (element instanceof MethodModel method && method.code().isPresent()) {
                // Rebuilding the code (unchanged) is what makes the class-file API write its stack map.
                builder.transformMethod(method, MethodTransform.transformingCode(CodeTransform.ACCEPT_ALL));
            } else {
                builder.with(element);
            }
        });
    }
}
