package faultline.testkit.workload;

import faultline.framework.Command;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Makes the commands a client issues, one after another; empty when the client is finished. */
@FunctionalInterface
public interface CommandSource {

    /**
     * @param client the client's index in the workload
     * @param index  how many commands this client issued before
     * @param random the workload's random source, seeded from the run's seed
     */
    Optional<Command> next(int client, int index, RandomGenerator random);
}
