package faultline.labs.pbkv;

import faultline.framework.Message;

/**
 * A server's heartbeat to the view service, sent every {@link ViewService#PING_INTERVAL_MILLIS}.
 * {@code viewNumber} is the latest view the server has seen and is ready to act in; the primary's
 * ping with the current view's number is its acknowledgement of that view. A server that has just
 * started (and so has lost whatever state it had) pings with 0.
 */
public record Ping(int viewNumber) implements Message {
}
