package faultline.grader.grading;

import java.nio.file.Path;

/** Where the grader keeps its state: the database, the content store and run artifacts, side by side. */
public record DataFolder(Path root) {

    public Path database() {
        return root.resolve("faultline.db");
    }

    public Path contentStore() {
        return root.resolve("store");
    }

    public Path artifacts() {
        return root.resolve("artifacts");
    }

    public Path scratch() {
        return root.resolve("scratch");
    }
}
