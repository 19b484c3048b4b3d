package faultline.labs.pingpong;

import faultline.framework.Result;

/** The result of an {@link Echo}: the value as the server sent it back. */
public record Echoed(String value) implements Result {
}
