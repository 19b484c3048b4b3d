package faultline.testkit.check;

import faultline.framework.cluster.NetworkStats;
import java.util.Locale;
import java.util.Optional;

/**
 * How many messages one client operation may cost: at least {@code floor} (an operation that sends
 * fewer never reached the servers it needs) and at most {@code ceiling} (more is a storm of needless
 * resends). Budgets are set from the reference solution's measured cost, with a stated margin, and
 * checked on the counts of a run's network between two moments.
 *
 * @param operation what one operation is, in the lab's words ("echo", "Put")
 * @param floor     the fewest messages one operation can take
 * @param ceiling   the most messages one operation may take on average
 * @param basis     where the ceiling comes from, for the failure message ("the reference sends 2.0")
 */
public record MessageBudget(String operation, double floor, double ceiling, String basis) {

    public MessageBudget {
        if (floor < 0 || ceiling < floor) {
            throw new IllegalArgumentException("A message budget needs 0 <= floor <= ceiling, not " + floor
                    + " and " + ceiling);
        }
    }

    /** A budget of at most {@code reference} times {@code margin} messages per operation, and at least {@code floor}. */
    public static MessageBudget fromReference(String operation, double floor, double reference, double margin) {
        return new MessageBudget(operation, floor, reference * margin, String.format(Locale.ROOT,
                "the reference solution sends %.1f per %s here; the budget allows %.1fx that", reference, operation,
                margin));
    }

    /**
     * What is wrong with spending {@code spent} on {@code operations} operations, as a sentence; empty if
     * the messages sent per operation lie within the budget. Messages are counted as nodes sent them,
     * before any loss.
     */
    public Optional<String> check(NetworkStats spent, long operations) {
        if (operations <= 0) {
            return Optional.of("no " + operation + " completed, so the messages per " + operation
                    + " cannot be measured");
        }
        double perOperation = spent.sent() / (double) operations;
        if (perOperation < floor) {
            return Optional.of(String.format(Locale.ROOT, "%d %s(s) completed, but only %d message(s) were sent"
                            + " in all (%.2f per %s, and at least %.0f are needed: a request and its answer)."
                            + " Every %s must go to the server and come back from it.", operations, operation,
                    spent.sent(), perOperation, operation, floor, operation));
        }
        if (perOperation > ceiling) {
            return Optional.of(String.format(Locale.ROOT, "%d %s(s) cost %d messages, %.1f per %s, above the"
                            + " budget of %.1f (%s). Something resends when it need not: stop retrying a request"
                            + " once its answer has come, and let old retry timers lapse.", operations, operation,
                    spent.sent(), perOperation, operation, ceiling, basis));
        }
        return Optional.empty();
    }
}
