package faultline.labs.shardkv;

import faultline.framework.Result;

/**
 * The shard master's answer to a {@link Join}, {@link Leave} or {@link Move} it could not carry out (a group
 * id already in use, a group that is not there, a shard number out of range): no configuration was made.
 *
 * @param reason a sentence saying what was wrong
 */
public record Refused(String reason) implements Result {
}
