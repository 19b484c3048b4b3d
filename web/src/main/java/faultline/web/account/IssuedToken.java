package faultline.web.account;

/** A token just issued; {@code token} is shown to its owner once and never stored. */
public record IssuedToken(long id, String label, String token) {
}
