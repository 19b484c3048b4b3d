package faultline.labs.shardkv;

import faultline.framework.Address;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One numbered configuration of the shard master: which group serves each shard, and which servers
 * make up each group.
 *
 * <p>A configuration never changes once made. It holds the lists it is given as they are, so whoever
 * makes the next configuration must make it from fresh lists and maps: changing the lists of an old
 * one would change what every later query of that old number answers.
 *
 * @param number counts configurations from 0 (no groups, every shard unassigned); each change adds one
 * @param shards the group id serving each shard, {@link #NO_GROUP} for a shard no group serves;
 *               always {@link #SHARDS} entries
 * @param groups each group's servers, by group id
 */
public record Config(int number, List<Integer> shards, SortedMap<Integer, List<Address>> groups)
        implements Serializable {

    /** How many shards the keys are split into. */
    public static final int SHARDS = 10;

    /** The group id of a shard that no group serves (before the first Join, after the last Leave). */
    public static final int NO_GROUP = 0;

    public Config {
        if (shards.size() != SHARDS) {
            throw new IllegalArgumentException("A configuration assigns all " + SHARDS + " shards, not "
                    + shards.size());
        }
    }

    /** Configuration 0: no groups, every shard unassigned. */
    public static Config initial() {
        return new Config(0, new ArrayList<>(Collections.nCopies(SHARDS, NO_GROUP)), new TreeMap<>());
    }

    /** The shard {@code key} belongs to: its first character modulo {@link #SHARDS} (the empty key: shard 0). */
    public static int shardOf(String key) {
        return key.isEmpty() ? 0 : key.charAt(0) % SHARDS;
    }

    /** The group serving {@code shard}, or {@link #NO_GROUP}. */
    public int owner(int shard) {
        return shards.get(shard);
    }

    /** The servers of group {@code group}; none for a group not in this configuration. */
    public List<Address> servers(int group) {
        return groups.getOrDefault(group, List.of());
    }

    /** How many shards {@code group} serves. */
    public int load(int group) {
        return (int) shards.stream().filter(g -> g == group).count();
    }

    @Override
    public String toString() {
        return "config " + number + " " + shards + " groups " + groups.keySet();
    }
}
