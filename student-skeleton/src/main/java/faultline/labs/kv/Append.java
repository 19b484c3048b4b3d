package faultline.labs.kv;

import faultline.framework.Command;

/** Appends {@code value} to the value of {@code key} (to the empty string for a new key). */
public record Append(String key, String value) implements Command {
}
