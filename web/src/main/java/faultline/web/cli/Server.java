package faultline.web.cli;

import faultline.grader.cli.CliContext;
import faultline.grader.grading.Grader;
import faultline.grader.queue.QueueEvents;
import faultline.grader.queue.WorkerPool;
import faultline.web.Dashboard;
import faultline.web.DashboardApp;
import faultline.web.Transport;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** A running dashboard with its grading workers, stopped together by Ctrl-C. */
final class Server {

    private Server() {
    }

    static void run(CliContext ctx, Grader grader, String host, int port, int workers, Transport transport,
                    Runnable onStarted) throws InterruptedException {
        AtomicBoolean stopping = new AtomicBoolean(false);
        WorkerPool pool = grader.workers(workers, ctx.sandboxes(), QueueEvents.none());
        Thread grading = new Thread(() -> pool.serve(stopping::get, Duration.ofMillis(500)), "faultline-grading");
        grading.setDaemon(true);
        grading.start();
        Javalin app = DashboardApp.create(Dashboard.over(grader, workers, transport, ctx.home())).start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            app.stop();
            stopped.countDown();
        }, "faultline-shutdown"));
        ctx.out().printf("Dashboard at http://%s:%d/ (%d grading worker(s); Ctrl-C stops).%n",
                host.equals("0.0.0.0") ? "localhost" : host, app.port(), workers);
        ctx.out().flush();
        onStarted.run();
        stopped.await();
    }
}
