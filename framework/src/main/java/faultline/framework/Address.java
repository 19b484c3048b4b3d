package faultline.framework;

import java.io.Serializable;

/**
 * The name of a node, or of a component hosted inside a node ({@code "server1/paxos"}).
 * The network routes on {@link #root()}; the hosting node hands the message to its component.
 */
public record Address(String name) implements Serializable, Comparable<Address> {

    public Address {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An address needs a non-blank name");
        }
    }

    public static Address of(String name) {
        return new Address(name);
    }

    /** The address of a component called {@code component} hosted by this node. */
    public Address sub(String component) {
        return new Address(name + "/" + component);
    }

    /** The node that hosts this address: itself for a node, the host for a component. */
    public Address root() {
        int slash = name.indexOf('/');
        return slash < 0 ? this : new Address(name.substring(0, slash));
    }

    public boolean isComponent() {
        return name.indexOf('/') >= 0;
    }

    @Override
    public int compareTo(Address other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
