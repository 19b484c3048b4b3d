package faultline.framework;

/** Reacts to a fired timer of type {@code T}. */
@FunctionalInterface
public interface TimerHandler<T extends Timer> {
    void handle(T timer);
}
