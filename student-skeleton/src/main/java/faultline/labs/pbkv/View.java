package faultline.labs.pbkv;

import faultline.framework.Address;
import java.io.Serializable;

/**
 * One numbered decision of the view service: which server is primary and which is backup. A role
 * nobody fills holds {@link #NOBODY}, so a view never carries a null.
 *
 * @param number  counts views from 0 (the view before any server pinged); each new view adds one
 * @param primary the server that serves clients in this view, or {@link #NOBODY}
 * @param backup  the server that holds a copy of the primary's state, or {@link #NOBODY}
 */
public record View(int number, Address primary, Address backup) implements Serializable {

    /** Stands for "no server" in a role. No real server may use this name. */
    public static final Address NOBODY = Address.of("(nobody)");

    /** The view before any server has pinged: number 0, no primary, no backup. */
    public static View initial() {
        return new View(0, NOBODY, NOBODY);
    }

    public boolean hasPrimary() {
        return !primary.equals(NOBODY);
    }

    public boolean hasBackup() {
        return !backup.equals(NOBODY);
    }

    public boolean isPrimary(Address server) {
        return primary.equals(server);
    }

    public boolean isBackup(Address server) {
        return backup.equals(server);
    }

    @Override
    public String toString() {
        return "view " + number + " (primary " + primary + ", backup " + backup + ")";
    }
}
