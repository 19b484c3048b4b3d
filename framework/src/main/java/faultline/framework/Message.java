package faultline.framework;

import java.io.Serializable;

/** A value sent between nodes. Implement it with a record: messages are immutable. */
public interface Message extends Serializable {
}
