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

    // SOLUTION BEGIN
    private final List<Config> configs = new ArrayList<>(List.of(Config.initial()));

    /** A group and the shards it serves while a new configuration is worked out. */
    private static final class Load {
        final int group;
        final List<Integer> shards = new ArrayList<>();

        Load(int group) {
            this.group = group;
        }
    }
    // SOLUTION END

    /** Carries out {@code command} (a Join, Leave, Move or Query) and answers it. */
    public Result execute(Command command) {
        // SOLUTION BEGIN
        Config latest = latest();
        if (command instanceof Query query) {
            return new Configured(query.number() < 0 || query.number() >= configs.size() ? latest
                    : configs.get(query.number()));
        } else if (command instanceof Join join) {
            if (join.group() <= Config.NO_GROUP) {
                return new Refused("A group id must be positive, not " + join.group() + ".");
            }
            if (latest.groups().containsKey(join.group())) {
                return new Refused("Group " + join.group() + " has already joined.");
            }
            if (join.servers().isEmpty()) {
                return new Refused("Group " + join.group() + " needs at least one server.");
            }
            SortedMap<Integer, List<Address>> groups = new TreeMap<>(latest.groups());
            groups.put(join.group(), List.copyOf(join.servers()));
            configs.add(rebalance(new ArrayList<>(latest.shards()), groups));
            return new Ok();
        } else if (command instanceof Leave leave) {
            if (!latest.groups().containsKey(leave.group())) {
                return new Refused("Group " + leave.group() + " is not in configuration " + latest.number() + ".");
            }
            SortedMap<Integer, List<Address>> groups = new TreeMap<>(latest.groups());
            groups.remove(leave.group());
            configs.add(rebalance(new ArrayList<>(latest.shards()), groups));
            return new Ok();
        } else if (command instanceof Move move) {
            if (move.shard() < 0 || move.shard() >= Config.SHARDS) {
                return new Refused("Shard " + move.shard() + " does not exist; shards are 0 to "
                        + (Config.SHARDS - 1) + ".");
            }
            if (!latest.groups().containsKey(move.group())) {
                return new Refused("Group " + move.group() + " is not in configuration " + latest.number() + ".");
            }
            List<Integer> shards = new ArrayList<>(latest.shards());
            shards.set(move.shard(), move.group());
            configs.add(new Config(configs.size(), shards, new TreeMap<>(latest.groups())));
            return new Ok();
        }
        throw new IllegalArgumentException("The shard master carries out Join, Leave, Move and Query, not " + command);
        // SOLUTION END
    }

    /** The latest configuration. */
    public Config latest() {
        // SOLUTION BEGIN
        return configs.get(configs.size() - 1);
        // SOLUTION END
    }

    // SOLUTION BEGIN
    /**
     * The next configuration: {@code shards} (a fresh copy of the latest assignment) rebalanced over
     * {@code groups}. Groups that serve the most shards keep the most, so only the surplus moves:
     * shards of departed groups and each group's shards beyond its share (its highest-numbered ones),
     * given in shard order to the groups below their share, most loaded first, ties by group id.
     */
    private Config rebalance(List<Integer> shards, SortedMap<Integer, List<Address>> groups) {
        int number = configs.size();
        if (groups.isEmpty()) {
            return new Config(number, new ArrayList<>(Collections.nCopies(Config.SHARDS, Config.NO_GROUP)), groups);
        }
        SortedMap<Integer, Load> loads = new TreeMap<>();
        for (int group : groups.keySet()) {
            loads.put(group, new Load(group));
        }
        List<Integer> free = new ArrayList<>();
        for (int shard = 0; shard < Config.SHARDS; shard++) {
            Load load = loads.get(shards.get(shard));
            if (load == null) {
                free.add(shard);
            } else {
                load.shards.add(shard);
            }
        }
        List<Load> order = new ArrayList<>(loads.values());
        order.sort(Comparator.comparingInt((Load load) -> -load.shards.size()).thenComparingInt(load -> load.group));
        int share = Config.SHARDS / groups.size();
        int extra = Config.SHARDS % groups.size();
        for (int i = 0; i < order.size(); i++) {
            Load load = order.get(i);
            int target = share + (i < extra ? 1 : 0);
            while (load.shards.size() > target) {
                free.add(load.shards.remove(load.shards.size() - 1));
            }
        }
        Collections.sort(free);
        for (int i = 0; i < order.size(); i++) {
            Load load = order.get(i);
            int target = share + (i < extra ? 1 : 0);
            while (load.shards.size() < target) {
                int shard = free.remove(0);
                load.shards.add(shard);
                shards.set(shard, load.group);
            }
        }
        return new Config(number, shards, groups);
    }
    // SOLUTION END
}
