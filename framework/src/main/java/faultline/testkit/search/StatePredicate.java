package faultline.testkit.search;

import java.util.function.Predicate;

/**
 * A named condition on a cluster's state: an invariant a search checks at every state it reaches, a goal
 * it looks for, or a limit past which it does not explore. The name is what a failure says, so write it as
 * the property: "at most one server acts as primary of a view".
 */
public record StatePredicate(String name, Predicate<ClusterState> test) {

    public static StatePredicate named(String name, Predicate<ClusterState> test) {
        return new StatePredicate(name, test);
    }

    boolean holds(ClusterState state) {
        return test.test(state);
    }
}
