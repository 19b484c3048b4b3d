package faultline.framework;

import java.io.Serializable;

/** An operation a client asks of a service (a Get, a Put, a map task). Implement it with a record. */
public interface Command extends Serializable {
}
