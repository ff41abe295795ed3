// Diags: runs javac in-process through the compiler API (javax.tools
// ToolProvider.getSystemJavaCompiler(), diagnostics collected by a
// DiagnosticListener) on the options and files given, and prints one line
// per diagnostic, TAB-separated:
//   kind, source path ("" when none), line, column (-1 when none),
//   lint category ("" when none), first line of getMessage(Locale.ROOT),
//   first line of the message as javac's own log formatter words it.
// The last two differ only in type names: getMessage qualifies them
// (java.util.List), javac's log formatter (the one that prints the human
// output) writes them simple when unambiguous (List). The lint category is
// the compiler's own field (JCDiagnostic.getLintCategory()), which javac
// prints as "[name] " before the message. Needs --add-exports/--add-opens
// of jdk.compiler's internals (see capture.sh).
import com.sun.source.util.JavacTask;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.api.DiagnosticFormatter;
import com.sun.tools.javac.code.Lint.LintCategory;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.Log;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

public final class Diags implements DiagnosticListener<JavaFileObject> {
    private final List<String> out = new ArrayList<>();
    private Log log;

    /** The compiler's diagnostic behind the API's wrapper. */
    private static JCDiagnostic unwrap(Diagnostic<? extends JavaFileObject> d) throws ReflectiveOperationException {
        if (d instanceof JCDiagnostic) {
            return (JCDiagnostic) d;
        }
        Field f = d.getClass().getDeclaredField("d");
        f.setAccessible(true);
        return (JCDiagnostic) f.get(d);
    }

    private static String first(String s) {
        return s.split("\n", -1)[0];
    }

    @Override
    public void report(Diagnostic<? extends JavaFileObject> d) {
        try {
            JCDiagnostic jc = unwrap(d);
            LintCategory lint = jc.getLintCategory();
            String path = d.getSource() == null ? "" : d.getSource().getName();
            // format() first: it resets the formatter's per-diagnostic state
            // (type-variable names: "E", not "E#1" after an earlier List<E>)
            DiagnosticFormatter<JCDiagnostic> fmt = log.getDiagnosticFormatter();
            fmt.format(jc, Locale.ROOT);
            out.add(d.getKind() + "\t" + path + "\t" + d.getLineNumber() + "\t" + d.getColumnNumber()
                + "\t" + (lint == null ? "" : lint.option) + "\t" + first(d.getMessage(Locale.ROOT))
                + "\t" + first(fmt.formatMessage(jc, Locale.ROOT)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        int split = Arrays.asList(args).indexOf("--");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Diags diags = new Diags();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, diags, Arrays.asList(args).subList(0, split), null,
                fm.getJavaFileObjects(Arrays.copyOfRange(args, split + 1, args.length)));
            diags.log = Log.instance(((BasicJavacTask) task).getContext());
            task.call();
        }
        diags.out.forEach(System.out::println);
    }
}
