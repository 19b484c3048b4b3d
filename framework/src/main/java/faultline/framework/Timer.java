package faultline.framework;

import java.io.Serializable;

/** A value a node sets for itself and gets back when the timer fires. Implement it with a record. */
public interface Timer extends Serializable {
}
