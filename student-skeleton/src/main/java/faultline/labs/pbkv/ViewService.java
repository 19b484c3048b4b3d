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

    // TODO: the state this node needs

    public ViewService(Address address) {
        super(address);
        onMessage(Ping.class, this::handlePing);
        onMessage(GetView.class, this::handleGetView);
        onTimer(ViewTick.class, this::onTick);
    }

    @Override
    protected void init() {
        // TODO: implement ViewService.init
    }

    /** The current view, for tests and tools to read. */
    public View view() {
        // TODO: implement ViewService.view
        throw new UnsupportedOperationException("TODO: implement ViewService.view");
    }

    private void handlePing(Ping ping, Address from) {
        // TODO: implement ViewService.handlePing
    }

    private void handleGetView(GetView request, Address from) {
        // TODO: implement ViewService.handleGetView
    }

    private void onTick(ViewTick tick) {
        // TODO: implement ViewService.onTick
    }

    /** Makes the next view if the current one is acknowledged and a role needs a new server. */
    private void moveOn() {
        // TODO: implement ViewService.moveOn
    }

    /** Whether {@code server} pinged recently and has not restarted since it took its role. */
    private boolean serving(Address server) {
        // TODO: implement ViewService.serving
        throw new UnsupportedOperationException("TODO: implement ViewService.serving");
    }

    private boolean alive(Address server) {
        // TODO: implement ViewService.alive
        throw new UnsupportedOperationException("TODO: implement ViewService.alive");
    }

    /**
     * The first live server (in address order) other than {@code primary}, or NOBODY. A restarted
     * server qualifies: as the new backup it receives the whole state before the view can move on.
     */
    private Address idleServer(Address primary) {
        // TODO: implement ViewService.idleServer
        throw new UnsupportedOperationException("TODO: implement ViewService.idleServer");
    }

    private void newView(Address primary, Address backup) {
        // TODO: implement ViewService.newView
    }
}
