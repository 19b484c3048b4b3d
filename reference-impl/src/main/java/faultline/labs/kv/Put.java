package faultline.labs.kv;

import faultline.framework.Command;

/** Replaces the value of {@code key} with {@code value}. */
public record Put(String key, String value) implements Command {
}
