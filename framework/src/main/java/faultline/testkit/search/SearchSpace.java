package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What stays fixed across a search: the nodes and their factories, the clients' commands, the fault bounds. */
final class SearchSpace {

    private final List<Address> addresses;
    private final List<Function<Address, ? extends Node>> factories;
    private final Map<Address, Integer> index = new HashMap<>();
    private final List<List<Command>> workloads;
    private final int maxDrops;
    private final int maxDuplicates;

    SearchSpace(List<Address> addresses, List<Function<Address, ? extends Node>> factories,
                List<List<Command>> workloads, int maxDrops, int maxDuplicates) {
        this.addresses = List.copyOf(addresses);
        this.factories = List.copyOf(factories);
        this.workloads = List.copyOf(workloads);
        this.maxDrops = maxDrops;
        this.maxDuplicates = maxDuplicates;
        for (int i = 0; i < addresses.size(); i++) {
            index.put(addresses.get(i), i);
        }
    }

    int size() {
        return addresses.size();
    }

    Address address(int i) {
        return addresses.get(i);
    }

    Function<Address, ? extends Node> factory(int i) {
        return factories.get(i);
    }

    List<Command> workload(int i) {
        return workloads.get(i);
    }

    int index(Address address) {
        Integer i = index.get(address.root());
        if (i == null) {
            throw new IllegalArgumentException("No node of the search runs at " + address + "; its nodes are "
                    + addresses);
        }
        return i;
    }

    int maxDrops() {
        return maxDrops;
    }

    int maxDuplicates() {
        return maxDuplicates;
    }
}
