package faultline.labs.pbkv;

import faultline.framework.Result;

/** The answer to an {@link Append}: it took effect, once. */
public record AppendOk() implements Result {
}
