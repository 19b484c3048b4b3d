package faultline.grader.similarity;

/** Hears where a similarity run is: a sentence for its current phase and {@code done} of {@code total} steps. */
@FunctionalInterface
public interface Progress {

    void at(String phase, int done, int total);

    static Progress none() {
        return (phase, done, total) -> {
        };
    }
}
