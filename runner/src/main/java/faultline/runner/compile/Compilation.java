package faultline.runner.compile;

import faultline.runner.report.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * What compiling a submission gave: the class folder and, when it failed, the errors.
 *
 * @param sourceFiles the submitted .java files, relative to the source root
 */
public record Compilation(Path classes, List<Path> sourceFiles, List<Diagnostic> errors) {

    public Compilation {
        sourceFiles = List.copyOf(sourceFiles);
        errors = List.copyOf(errors);
    }

    public boolean succeeded() {
        return errors.isEmpty();
    }
}
