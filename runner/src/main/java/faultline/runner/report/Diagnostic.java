package faultline.runner.report;

/** A problem found in a student's file before any test ran (a compile error, a forbidden API). */
public record Diagnostic(String file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
