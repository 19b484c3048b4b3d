package faultline.testkit.search;

/** A node threw from a handler during a search: a violation like any other, with the path that led to it. */
final class HandlerFailure extends RuntimeException {

    HandlerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
