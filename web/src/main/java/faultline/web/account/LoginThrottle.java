package faultline.web.account;

import faultline.grader.store.Database;
import faultline.web.data.LoginAttemptDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing: after {@code perAccount} failures for one login within the window (since its last
 * success), or {@code perAddress} failures from one address, further attempts are refused until the window
 * has moved past them. Refused attempts are not checked against the password at all.
 */
public final class LoginThrottle {

    private final Database db;
    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;

    public LoginThrottle(Database db, Clock clock, int perAccount, int perAddress, Duration window) {
        this.db = db;
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
    }

    public static LoginThrottle standard(Database db, Clock clock) {
        return new LoginThrottle(db, clock, 5, 30, Duration.ofMinutes(15));
    }

    /** Throws when this attempt must not even be checked. */
    public void check(String login, String ip) throws LoginRefusedException {
        Instant since = clock.instant().minus(window);
        int forLogin = db.read(h -> h.attach(LoginAttemptDao.class).failuresForLogin(login, since));
        int fromIp = db.read(h -> h.attach(LoginAttemptDao.class).failuresFromIp(ip, since));
        if (forLogin >= perAccount || fromIp >= perAddress) {
            throw new LoginRefusedException("Too many failed sign-ins" + (forLogin >= perAccount ? " for this account"
                    : " from your address") + ". Wait " + window.toMinutes() + " minutes and try again, or ask "
                    + "the course staff to reset your password.", true);
        }
    }

    public void record(String login, String ip, boolean succeeded) {
        db.write(h -> {
            h.attach(LoginAttemptDao.class).record(login, ip, clock.instant(), succeeded);
            return null;
        });
    }
}
