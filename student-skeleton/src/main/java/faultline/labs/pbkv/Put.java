package faultline.labs.pbkv;

import faultline.framework.Command;

/** Replaces the value of {@code key} with {@code value}. */
public record Put(String key, String value) implements Command {
}
