package faultline.framework.cluster;

/** A node's handler threw: a bug in lab code, reported with where and when it happened. */
public final class NodeFailure extends RuntimeException {
    public NodeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
