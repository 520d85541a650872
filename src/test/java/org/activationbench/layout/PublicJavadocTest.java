package org.activationbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public method of a public type in the main sources carries a javadoc (a method that overrides one is
 * documented where it is declared). Read with the JDK's own parser, so nothing is counted from the text by hand.
 */
class PublicJavadocTest {

    private static final Path MAIN = Path.of("src", "main", "java");

    /**
     * Types whose methods are documented elsewhere, once: a javadoc on each would be a second copy to drift. Each
     * {@code ComparisonRow} method is a comparisons column, described in {@code ComparisonColumns} (and so in
     * docs/schema.md).
     */
    private static final Set<String> DOCUMENTED_ELSEWHERE = Set.of("org/activationbench/results/ComparisonRow.java");

    @Test
    void everyPublicMethodOfAPublicTypeHasAJavadoc() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Undocumented found = undocumented(javac, files.getJavaFileObjectsFromPaths(sources));
            assertTrue(found.checked > 100, "only " + found.checked + " public methods found: is the parser reading " + MAIN + "?");
            assertEquals(List.of(), found.methods, "public methods of public types without a javadoc line");
        }
    }

    @Test
    void aMissingJavadocIsFoundAndAnOverrideOrAHiddenTypeIsNot() throws IOException {
        String source = """
                package p;
                public class Shown {
                    /** Says what it is for. */
                    public int documented() { return 1; }
                    public int bare() { return 2; }
                    @Override public String toString() { return ""; }
                    int packagePrivate() { return 3; }
                    public interface Port { void open(); }
                    static class Hidden { public void notPublicType() { } }
                }
                """;
        Undocumented found = undocumented(ToolProvider.getSystemJavaCompiler(), List.of(new Source("p/Shown.java", source)));
        assertEquals(List.of("p/Shown.java:5 bare", "p/Shown.java:8 open"), found.methods);
        assertEquals(3, found.checked);
    }

    /** The public methods of public types that lack a javadoc, as {@code file:line name}, and how many were checked. */
    private static Undocumented undocumented(JavaCompiler javac, Iterable<? extends JavaFileObject> sources) throws IOException {
        JavacTask task = (JavacTask) javac.getTask(null, null, null, List.of("-proc:none"), null, sources);
        DocTrees docs = DocTrees.instance(task);
        Undocumented found = new Undocumented();
        for (CompilationUnitTree unit : task.parse()) {
            String file = MAIN.toUri().relativize(unit.getSourceFile().toUri()).getPath();
            if (DOCUMENTED_ELSEWHERE.contains(file)) {
                continue;
            }
            new TreePathScanner<Void, Boolean>() {
                @Override
                public Void visitClass(ClassTree type, Boolean inInterface) {
                    boolean isPublic = type.getModifiers().getFlags().contains(Modifier.PUBLIC) || Boolean.TRUE.equals(inInterface);
                    // A type that is not public hides its members, and so do the types nested in it.
                    return isPublic ? scan(type.getMembers(), type.getKind() == Tree.Kind.INTERFACE) : null;
                }

                @Override
                public Void visitMethod(MethodTree method, Boolean inInterface) {
                    var flags = method.getModifiers().getFlags();
                    boolean isPublic = flags.contains(Modifier.PUBLIC) || inInterface && !flags.contains(Modifier.PRIVATE);
                    boolean overrides = method.getModifiers().getAnnotations().stream()
                            .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
                    if (isPublic && !overrides && !method.getName().contentEquals("<init>")) {
                        found.checked++;
                        if (docs.getDocCommentTree(getCurrentPath()) == null) {
                            long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, method));
                            found.methods.add(file + ":" + line + " " + method.getName());
                        }
                    }
                    // Anonymous and local classes in a body are not public types.
                    return null;
                }

                @Override
                public Void visitVariable(VariableTree variable, Boolean inInterface) {
                    return null;
                }
            }.scan(unit, false);
        }
        return found;
    }

    private static final class Undocumented {
        final List<String> methods = new ArrayList<>();
        int checked;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String path, String text) {
            super(MAIN.toUri().resolve(URI.create(path)), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
