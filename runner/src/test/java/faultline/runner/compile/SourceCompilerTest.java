package faultline.runner.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import faultline.framework.Node;
import faultline.runner.report.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compile error reads as javac prints it: file and line, the line itself, a caret under the column. */
class SourceCompilerTest {

    @Test
    void aCompileErrorShowsItsFileLineTheLineAndACaret(@TempDir Path temp) throws Exception {
        Path sources = Files.createDirectories(temp.resolve("src/faultline/labs/paxos"));
        Files.writeString(sources.resolve("Paxos.java"), "package faultline.labs.paxos;\n\npublic class Paxos {\n"
                + "\tint highest() {\n\t\treturn undeclared + 1;\n\t}\n}\n");
        Path framework = Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Compilation compiled = new SourceCompiler().compile(temp.resolve("src"), framework, temp.resolve("classes"));
        assertEquals(1, compiled.errors().size(), compiled.errors().toString());
        Diagnostic error = compiled.errors().get(0);
        assertEquals("faultline/labs/paxos/Paxos.java:5: cannot find symbol\n"
                + "    \t\treturn undeclared + 1;\n"
                + "    \t\t       ^\n"
                + "  symbol:   variable undeclared\n"
                + "  location: class faultline.labs.paxos.Paxos", error.toString());
    }
}
