package faultline.framework;

import java.io.Serializable;

/** What a service answers to a {@link Command}. Implement it with a record. */
public interface Result extends Serializable {
}
