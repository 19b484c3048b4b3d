package faultline.framework;

/** Reacts to a delivered message of type {@code M}. */
@FunctionalInterface
public interface MessageHandler<M extends Message> {
    void handle(M message, Address from);
}
