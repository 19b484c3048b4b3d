package faultline.labs.pingpong;

import faultline.framework.Message;

/** Asks the server to echo {@code value}; {@code sequence} tells a reply to this request from older ones. */
record Ping(String value, int sequence) implements Message {
}

/** The server's echo of a {@link Ping}. */
record Pong(String value, int sequence) implements Message {
}
