package faultline.web.account;

/** A sign-in that did not succeed; the message says why in a way that reveals nothing about other accounts. */
public class LoginRefusedException extends Exception {

    private final boolean throttled;

    public LoginRefusedException(String message, boolean throttled) {
        super(message);
        this.throttled = throttled;
    }

    /** True when the attempt was refused for being one too many, not for a wrong password. */
    public boolean throttled() {
        return throttled;
    }
}
