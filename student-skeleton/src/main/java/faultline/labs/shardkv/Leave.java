package faultline.labs.shardkv;

import faultline.framework.Command;

/** Asks the shard master to remove group {@code group} and give its shards to the others, with as few moves as possible. */
public record Leave(int group) implements Command {
}
