package faultline.web.account;

import faultline.grader.users.Users;
import java.util.Locale;
import java.util.Optional;

/** Signing in and out: throttle first, then the grader's password check, then a fresh session. */
public final class Accounts {

    private final Users users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;

    public Accounts(Users users, SessionStore sessions, LoginThrottle throttle) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public OpenedSession signIn(String login, String password, String ip) throws LoginRefusedException {
        String who = login.trim().toLowerCase(Locale.ROOT);
        if (who.isEmpty() || who.length() > 64 || password.length() > 1024) {
            throw new LoginRefusedException("Enter your login and password.", false);
        }
        throttle.check(who, ip);
        Optional<Viewer> viewer = users.authenticate(who, password).map(Viewer::of);
        throttle.record(who, ip, viewer.isPresent());
        return sessions.open(viewer.orElseThrow(() -> new LoginRefusedException(
                "That login and password do not match. Check them and try again.", false)));
    }

    public Optional<SignedIn> session(String cookieSecret) {
        return sessions.find(cookieSecret);
    }

    public void signOut(String cookieSecret) {
        sessions.close(cookieSecret);
    }

    /** Checks a password without opening a session (API token issue from the command line). */
    public Viewer verify(String login, String password, String ip) throws LoginRefusedException {
        String who = login.trim().toLowerCase(Locale.ROOT);
        throttle.check(who, ip);
        Optional<Viewer> viewer = users.authenticate(who, password).map(Viewer::of);
        throttle.record(who, ip, viewer.isPresent());
        return viewer.orElseThrow(() -> new LoginRefusedException(
                "That login and password do not match. Check them and try again.", false));
    }
}
