package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The shard master's state machine: the list of configurations, numbered from 0, and the commands that
 * add to it. Every replica of the shard master keeps one and applies the same commands in the same
 * order, so it must be deterministic: the same commands give the same configurations on every replica,
 * in every run. Nothing here may depend on the order of a hash-based collection.
 *
 * <p>The rules:
 * <ul>
 * <li>{@link Join}, {@link Leave} and {@link Move} each make exactly one new configuration, numbered one
 *     past the latest, or change nothing and answer {@link Refused}: a Join of a group id that is not
 *     positive, is already in use or has no servers; a Leave of a group not in the latest configuration;
 *     a Move of a shard out of range or to a group not in the latest configuration.</li>
 * <li>After a Join or a Leave the shards are balanced: each group serves {@code SHARDS / groups} or one
 *     more, and no shard is left unassigned while a group exists. Among the balanced assignments the new
 *     one moves the fewest shards from the previous one.</li>
 * <li>A Move gives the one shard to the group, and nothing else changes (until the next Join or Leave
 *     rebalances).</li>
 * <li>{@link Query} answers configuration {@code number}, or the latest for {@link Query#LATEST} or any
 *     number past the latest. Old configurations never change.</li>
 * </ul>
 */
public final class Configurations implements Serializable {

    // TODO: the state this node needs

    /** Carries out {@code command} (a Join, Leave, Move or Query) and answers it. */
    public Result execute(Command command) {
        // TODO: implement Configurations.execute
        throw new UnsupportedOperationException("TODO: implement Configurations.execute");
    }

    /** The latest configuration. */
    public Config latest() {
        // TODO: implement Configurations.latest
        throw new UnsupportedOperationException("TODO: implement Configurations.latest");
    }

    // TODO: the state this node needs
}
