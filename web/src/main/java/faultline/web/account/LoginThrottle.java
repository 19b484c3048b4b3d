package faultline.web.account;

import faultline.grader.records.SignInRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows password guessing without letting a stranger lock an owner out. Counting failures per login alone
 * would let anyone deny a student the dashboard with a few wrong passwords; so failures are counted by who
 * tries (the source address) and whom they try (the login) together, with two wider budgets on top:
 * <ul>
 *   <li>one login from one address: after {@link Budgets#perPair} failures within {@link Budgets#window} (since
 *       that address last signed in to that login), that address may not try that login until the window has
 *       moved past them. An owner's typos stay far inside it, and a guesser elsewhere does not touch it.</li>
 *   <li>one address, any logins: {@link Budgets#perAddress} failures within the window stop that address
 *       (one source spraying many accounts).</li>
 *   <li>one login, every address: {@link Budgets#perAccount} failures within {@link Budgets#accountWindow}, far
 *       above any owner's typos, mean a guess spread over many addresses; then only addresses that have signed
 *       in to that login before may still try it. The owner keeps signing in from where they always do, and
 *       the spread-out guess is held to that budget.</li>
 * </ul>
 * Refused attempts are not checked against the password at all, and are not counted.
 */
public final class LoginThrottle {

    /** How many failures each budget allows, and over what time. */
    public record Budgets(int perPair, int perAddress, Duration window, int perAccount, Duration accountWindow) {
        public static final Budgets STANDARD = new Budgets(5, 30, Duration.ofMinutes(15), 100, Duration.ofHours(1));
    }

    private final SignInRecords records;
    private final Clock clock;
    private final Budgets budgets;

    public LoginThrottle(SignInRecords records, Clock clock, Budgets budgets) {
        this.records = records;
        this.clock = clock;
        this.budgets = budgets;
    }

    public static LoginThrottle standard(SignInRecords records, Clock clock) {
        return new LoginThrottle(records, clock, Budgets.STANDARD);
    }

    /** Throws when this attempt must not even be checked. */
    public void check(String login, String ip) throws LoginRefusedException {
        Instant now = clock.instant();
        Instant since = now.minus(budgets.window());
        SignInRecords.Failures failures = records.failures(login, ip, since, now.minus(budgets.accountWindow()));
        Optional<String> refusal = refusal(failures);
        if (refusal.isPresent()) {
            throw new LoginRefusedException(refusal.get(), true);
        }
    }

    private Optional<String> refusal(SignInRecords.Failures failures) {
        if (failures.forPair() >= budgets.perPair() || failures.fromIp() >= budgets.perAddress()) {
            return Optional.of("Too many failed sign-ins from your address. Wait " + budgets.window().toMinutes()
                    + " minutes and try again, or ask the course staff to reset your password.");
        }
        if (failures.forLogin() >= budgets.perAccount() && !failures.knownIp()) {
            return Optional.of("Someone is guessing this account's password from many places, so for now it "
                    + "can only be signed in to from where it was used before. Try from there, wait "
                    + budgets.accountWindow().toMinutes() + " minutes, or ask the course staff.");
        }
        return Optional.empty();
    }

    public void record(String login, String ip, boolean succeeded) {
        records.recordAttempt(login, ip, clock.instant(), succeeded);
    }
}
