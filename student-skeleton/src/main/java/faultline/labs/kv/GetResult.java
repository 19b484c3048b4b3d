package faultline.labs.kv;

import faultline.framework.Result;

/** The answer to a {@link Get}: the key's value, or the empty string for a key never written. */
public record GetResult(String value) implements Result {
}
