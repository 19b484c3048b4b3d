package faultline.web;

import faultline.grader.grading.Grader;
import faultline.web.account.Accounts;
import faultline.web.account.ApiTokens;
import faultline.web.account.LoginThrottle;
import faultline.web.account.Secrets;
import faultline.web.account.SessionStore;
import faultline.web.grades.CourseAdmin;
import faultline.web.grades.Handouts;
import faultline.web.grades.LabStatistics;
import faultline.web.grades.QueueClock;
import faultline.web.grades.QueueOverview;
import faultline.web.grades.Scoreboard;
import faultline.web.grades.Similarities;
import faultline.web.grades.Submissions;
import faultline.web.grades.Times;
import faultline.web.render.Pages;
import faultline.grader.similarity.HandedOut;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;

/**
 * The services the dashboard's routes delegate to, built once over one {@link Grader}.
 *
 * @param uploadLimit   largest request body accepted, in bytes (the grader's own archive limit is checked after)
 * @param transport     how requests arrive: when cookies are Secure, whether a proxy's forwarding headers count
 * @param similarities  code similarity for staff, the handed-out code taken from the checkout's reference sources
 */
public record Dashboard(Accounts accounts, ApiTokens tokens, Submissions submissions, Scoreboard scoreboard,
                        LabStatistics statistics, QueueOverview queue, CourseAdmin admin, Handouts handouts, Pages pages,
                        Secrets secrets, long uploadLimit, Transport transport, Similarities similarities) {

    /** Four times the grader's archive limit, so an archive just over it still gets the grader's own message. */
    public static final long DEFAULT_UPLOAD_LIMIT = 8L << 20;

    public static Dashboard over(Grader grader, int workers, boolean secureCookies) {
        return over(grader, workers, new Transport(secureCookies, false));
    }

    /** A dashboard run from the current folder as the Faultline checkout (where similarity finds the skeletons). */
    public static Dashboard over(Grader grader, int workers, Transport transport) {
        return over(grader, workers, transport, Path.of("."));
    }

    /** A dashboard whose similarity checks take the labs' skeletons from the checkout or distribution at {@code home}. */
    public static Dashboard over(Grader grader, int workers, Transport transport, Path home) {
        Secrets secrets = new Secrets(new SecureRandom());
        SessionStore sessions = new SessionStore(grader.signIns(), grader.clock(), secrets);
        QueueClock queueClock = new QueueClock(grader.clock(), workers);
        Times times = new Times(ZoneId.of("UTC"));
        return new Dashboard(
                new Accounts(grader.users(), sessions, LoginThrottle.standard(grader.signIns(), grader.clock())),
                new ApiTokens(grader.signIns(), grader.clock(), secrets),
                new Submissions(grader, queueClock, times),
                new Scoreboard(grader),
                new LabStatistics(grader),
                new QueueOverview(grader, queueClock, workers),
                new CourseAdmin(grader),
                new Handouts(grader, times),
                new Pages(), secrets, DEFAULT_UPLOAD_LIMIT, transport,
                new Similarities(grader, HandedOut.referenceIn(home)));
    }
}
