package faultline.labs.paxos;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance as a peer sees it: its {@link Fate} and, when decided, its value. Never holds a null:
 * a value is present exactly when the fate is {@link Fate#DECIDED}.
 */
public record Status(Fate fate, Optional<Serializable> value) {

    public Status {
        Objects.requireNonNull(fate, "a status needs a fate");
        Objects.requireNonNull(value, "a status's value is Optional.empty(), never null");
        if ((fate == Fate.DECIDED) != value.isPresent()) {
            throw new IllegalArgumentException("A status has a value exactly when it is DECIDED, not " + fate
                    + " with " + value);
        }
    }

    public static Status decided(Serializable value) {
        return new Status(Fate.DECIDED, Optional.of(value));
    }

    public static Status pending() {
        return new Status(Fate.PENDING, Optional.empty());
    }

    public static Status forgotten() {
        return new Status(Fate.FORGOTTEN, Optional.empty());
    }

    public boolean isDecided() {
        return fate == Fate.DECIDED;
    }
}
