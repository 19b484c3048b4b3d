package faultline.labs.kv;

import faultline.framework.Command;

/** Reads the value of {@code key}; a key never written reads as the empty string. */
public record Get(String key) implements Command {
}
