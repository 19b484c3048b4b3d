package faultline.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.time.Clock;

/** Lets tests in other packages use the {@link Fixture}. */
public final class FixtureAccess implements AutoCloseable {

    private final Fixture fx;

    public FixtureAccess() throws IOException {
        fx = new Fixture();
    }

    public Javalin app() {
        return DashboardApp.create(fx.dashboard);
    }

    public Clock clock() {
        return fx.clock;
    }

    public String tokenFor(String login) {
        return fx.dashboard.tokens().issue(faultline.web.account.Viewer.of(fx.users.find(login).orElseThrow()),
                "test").token();
    }

    /** Waits (on the queue, not the clock) until a job is queued, then grades it with a failing test. */
    public void gradeWhenQueued(java.util.function.BooleanSupplier gaveUp) {
        try {
            while (fx.grader.queue().pending() == 0) {
                if (gaveUp.getAsBoolean()) {
                    return;
                }
                Thread.onSpinWait();
            }
            fx.gradeNext(true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        fx.close();
    }
}
