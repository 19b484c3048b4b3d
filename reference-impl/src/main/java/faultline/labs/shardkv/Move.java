package faultline.labs.shardkv;

import faultline.framework.Command;

/** Asks the shard master to give shard {@code shard} to group {@code group}, without rebalancing. */
public record Move(int shard, int group) implements Command {
}
