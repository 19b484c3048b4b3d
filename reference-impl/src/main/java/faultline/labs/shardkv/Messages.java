package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Result;
import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

// SOLUTION BEGIN: the messages and log operations of your shard master and replica groups
/**
 * A clerk's command to a shard master replica; {@code clientId} and {@code sequence} name it, so a
 * retried Join, Leave or Move takes effect once.
 */
record MasterRequest(long clientId, long sequence, Command command) implements Message {
}

/** A shard master replica's answer to request {@code sequence}. */
record MasterReply(long sequence, Result result) implements Message {
}

/** A clerk's Get, Put or Append to a server of the group it thinks serves the key. */
record ShardRequest(long clientId, long sequence, Command command) implements Message {
}

/** A group server's answer to request {@code sequence}. */
record ShardReply(long sequence, Result result) implements Message {
}

/**
 * The group did not serve the key's shard when the request came up in its log: the clerk should ask
 * the shard master for a newer configuration and try again.
 */
record WrongGroup(long sequence) implements Message {
}

/** A group that gained {@code shard} in configuration {@code configNumber} asks the group that had it before. */
record FetchShard(int configNumber, int shard) implements Message {
}

/** The old owner's answer to a {@link FetchShard}: the shard as it was when the old owner gave it up. */
record ShardHandoff(int configNumber, int shard, ShardCopy copy) implements Message {
}

/** A shard's keys and its at-most-once table, frozen at the moment it was handed off. */
record ShardCopy(SortedMap<String, String> data, SortedMap<Long, Applied> applied) implements Serializable {
    ShardCopy {
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
        applied = Collections.unmodifiableSortedMap(new TreeMap<>(applied));
    }

    @Override
    public String toString() {
        return "ShardCopy[" + data.size() + " keys, " + applied.size() + " clients]";
    }
}

/** The latest command a client had carried out on a shard, with its answer. */
record Applied(long sequence, Result result) implements Serializable {
}

/** A client waiting at this replica for the answer to request {@code sequence}. */
record Waiting(long sequence, Address client) implements Serializable {
}

/** Where a shard handed off in configuration {@code configNumber} is kept until its new owner fetches it. */
record Handoff(int configNumber, int shard) implements Serializable, Comparable<Handoff> {
    @Override
    public int compareTo(Handoff other) {
        return configNumber != other.configNumber ? Integer.compare(configNumber, other.configNumber)
                : Integer.compare(shard, other.shard);
    }
}

// ---- operations in the logs ----

/** A clerk's command to the shard master, in the master's log. */
record MasterOp(long clientId, long sequence, Command command) implements Serializable {
}

/** A clerk's Get, Put or Append, in a group's log. */
record ClientOp(long clientId, long sequence, Command command) implements Serializable {
}

/** The group moves from its configuration to {@code next}, which must be the one right after it. */
record Reconfigure(Config next) implements Serializable {
}

/** The data of {@code shard}, gained in configuration {@code configNumber}, has arrived from its old owner. */
record InstallShard(int configNumber, int shard, ShardCopy copy) implements Serializable {
}
// SOLUTION END
