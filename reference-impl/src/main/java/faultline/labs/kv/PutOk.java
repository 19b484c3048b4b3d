package faultline.labs.kv;

import faultline.framework.Result;

/** The answer to a {@link Put}: it took effect. */
public record PutOk() implements Result {
}
