package faultline.web.http;

/** The route needs a signed-in person and the request has no live session or token. */
class SignInRequiredException extends RuntimeException {
    SignInRequiredException() {
        super("Please sign in to see this page. Your session may have ended.");
    }
}
