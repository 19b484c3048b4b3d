package faultline.labs.pbkv;

import faultline.framework.Address;
import faultline.framework.Node;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides, from the servers' pings, which server is primary and which is backup, one numbered
 * {@link View} at a time.
 *
 * <p>The rules, and why:
 * <ul>
 * <li>The first server to ping becomes primary of view 1; the next idle server becomes backup.</li>
 * <li>A server that misses {@link #DEAD_PINGS} ping intervals is dead. A server in the view that pings
 *     with 0 has restarted and lost its state, so it is as good as dead in its role.</li>
 * <li>When the primary is dead the backup becomes primary; when the backup is dead an idle server
 *     (or nobody) replaces it. An idle server was never backup of the current state, so it never
 *     becomes primary directly: its state would be empty.</li>
 * <li>The view moves on only after the primary has acknowledged the current view (pinged with its
 *     number). Otherwise the service could skip a view the primary never saw, and promote a backup
 *     that never received the state.</li>
 * </ul>
 */
public final class ViewService extends Node {

    /** How often servers ping, and how often the view service looks for dead ones. */
    public static final long PING_INTERVAL_MILLIS = 100;

    /** How many ping intervals without a ping make a server dead. */
    public static final int DEAD_PINGS = 5;

    // SOLUTION BEGIN
    private View view = View.initial();
    /** Whether the primary has pinged with the current view's number. */
    private boolean acknowledged;
    /** When each server last pinged; a TreeMap so that the choice of an idle server is deterministic. */
    private final Map<Address, Long> lastPing = new TreeMap<>();
    /** Servers of the current view that pinged with 0: they restarted and hold no state. */
    private final Set<Address> restarted = new TreeSet<>();
    // SOLUTION END

    public ViewService(Address address) {
        super(address);
        onMessage(Ping.class, this::handlePing);
        onMessage(GetView.class, this::handleGetView);
        onTimer(ViewTick.class, this::onTick);
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        set(new ViewTick(), PING_INTERVAL_MILLIS);
        // SOLUTION END
    }

    /** The current view, for tests and tools to read. */
    public View view() {
        // SOLUTION BEGIN
        return view;
        // SOLUTION END
    }

    private void handlePing(Ping ping, Address from) {
        // SOLUTION BEGIN
        lastPing.put(from, now());
        boolean member = view.isPrimary(from) || view.isBackup(from);
        if (view.number() == 0) {
            newView(from, View.NOBODY);
        } else if (ping.viewNumber() == 0 && member) {
            restarted.add(from);
        } else if (view.isPrimary(from) && ping.viewNumber() == view.number()) {
            acknowledged = true;
            // A primary that acknowledges the view has seen it and holds its state; an earlier ping
            // with 0 was one sent before it learned the view, not a restart.
            restarted.remove(from);
        }
        moveOn();
        send(new ViewReply(view), from);
        // SOLUTION END
    }

    private void handleGetView(GetView request, Address from) {
        // SOLUTION BEGIN
        send(new ViewReply(view), from);
        // SOLUTION END
    }

    private void onTick(ViewTick tick) {
        // SOLUTION BEGIN
        moveOn();
        set(tick, PING_INTERVAL_MILLIS);
        // SOLUTION END
    }

    /** Makes the next view if the current one is acknowledged and a role needs a new server. */
    private void moveOn() {
        // SOLUTION BEGIN
        if (view.number() == 0 || !acknowledged) {
            return;
        }
        if (!serving(view.primary())) {
            // Only the backup holds the state; without a live one the service must wait for the primary.
            if (view.hasBackup() && serving(view.backup())) {
                newView(view.backup(), idleServer(view.backup()));
            }
            return;
        }
        if (view.hasBackup() && !serving(view.backup())) {
            newView(view.primary(), idleServer(view.primary()));
        } else if (!view.hasBackup()) {
            Address idle = idleServer(view.primary());
            if (!idle.equals(View.NOBODY)) {
                newView(view.primary(), idle);
            }
        }
        // SOLUTION END
    }

    /** Whether {@code server} pinged recently and has not restarted since it took its role. */
    private boolean serving(Address server) {
        // SOLUTION BEGIN
        return alive(server) && !restarted.contains(server);
        // SOLUTION END
    }

    private boolean alive(Address server) {
        // SOLUTION BEGIN
        Long last = lastPing.get(server);
        return last != null && now() - last < DEAD_PINGS * PING_INTERVAL_MILLIS;
        // SOLUTION END
    }

    /**
     * The first live server (in address order) other than {@code primary}, or NOBODY. A restarted
     * server qualifies: as the new backup it receives the whole state before the view can move on.
     */
    private Address idleServer(Address primary) {
        // SOLUTION BEGIN
        for (Address server : lastPing.keySet()) {
            if (!server.equals(primary) && alive(server)) {
                return server;
            }
        }
        return View.NOBODY;
        // SOLUTION END
    }

    private void newView(Address primary, Address backup) {
        // SOLUTION BEGIN
        view = new View(view.number() + 1, primary, backup);
        acknowledged = false;
        // Whoever takes a role now either held the state (the old backup) or will receive it.
        restarted.clear();
        note("new " + view);
        // SOLUTION END
    }
}
