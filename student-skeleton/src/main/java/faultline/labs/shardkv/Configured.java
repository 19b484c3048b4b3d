package faultline.labs.shardkv;

import faultline.framework.Result;

/** The shard master's answer to a {@link Query}. */
public record Configured(Config config) implements Result {
}
