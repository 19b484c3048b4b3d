package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Command;
import java.util.List;

/**
 * Asks the shard master to add group {@code group} (a positive id never in use) with {@code servers},
 * and to rebalance the shards onto it with as few moves as possible.
 */
public record Join(int group, List<Address> servers) implements Command {
    public Join {
        servers = List.copyOf(servers);
    }
}
