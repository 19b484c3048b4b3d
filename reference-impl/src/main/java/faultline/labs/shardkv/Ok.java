package faultline.labs.shardkv;

import faultline.framework.Result;

/** The shard master's answer to a {@link Join}, {@link Leave} or {@link Move} that made a new configuration. */
public record Ok() implements Result {
}
