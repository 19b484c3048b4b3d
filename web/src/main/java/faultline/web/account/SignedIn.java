package faultline.web.account;

/** A live session: who it is for and the CSRF token every form of that session must carry. */
public record SignedIn(Viewer viewer, String csrfToken) {
}
