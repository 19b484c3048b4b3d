package faultline.web.account;

/** A session just opened: the secret for the cookie (shown once, stored only hashed) and who signed in. */
public record OpenedSession(String cookieSecret, SignedIn signedIn) {
}
