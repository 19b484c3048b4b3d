package faultline.labs.shardkv;

import faultline.framework.Command;

/**
 * Asks the shard master for configuration {@code number}; {@link #LATEST} (or any number past the latest)
 * asks for the latest one.
 */
public record Query(int number) implements Command {

    public static final int LATEST = -1;

    public static Query latest() {
        return new Query(LATEST);
    }
}
