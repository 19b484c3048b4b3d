package faultline.labs.kv;

import faultline.framework.Result;

/** The answer to an {@link Append}: it took effect. */
public record AppendOk() implements Result {
}
