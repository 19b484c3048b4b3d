package faultline.testkit.lincheck;

import faultline.testkit.history.History;

import java.util.Objects;

/**
 * A part of a history that can be checked on its own, with the name a report uses for it (e.g. {@code key "4"}).
 */
public record SubHistory<I, O>(String name, History<I, O> history) {
    public SubHistory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(history, "history");
    }
}
