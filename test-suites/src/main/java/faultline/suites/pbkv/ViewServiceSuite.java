package faultline.suites.pbkv;

import static faultline.suites.pbkv.PbkvWorld.VIEW_SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.labs.pbkv.View;
import faultline.labs.pbkv.ViewService;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lab 2's view service on its own, driven by scripted servers that ping as the test says: who becomes
 * primary and backup, when the view may move on, and who may never be promoted.
 */
public class ViewServiceSuite {

    static final Address S1 = Address.of("s1");
    static final Address S2 = Address.of("s2");
    static final Address S3 = Address.of("s3");

    /** Time for the view service to declare a silent server dead and move on, with room to spare. */
    static final long DEAD_MILLIS = PbkvWorld.FAILOVER_MILLIS;

    /** A view service plus the scripted servers a test starts. */
    private static final class World {
        final Simulation sim;

        World(Simulation sim) {
            this.sim = sim;
            sim.add(VIEW_SERVICE, ViewService::new);
        }

        void start(Address server) {
            sim.add(server, a -> new ScriptedServer(a, VIEW_SERVICE));
            sim.runFor(2 * ViewService.PING_INTERVAL_MILLIS);
        }

        View view() {
            return sim.node(VIEW_SERVICE).map(ViewService.class::cast).orElseThrow().view();
        }

        ScriptedServer server(Address address) {
            return sim.node(address).map(ScriptedServer.class::cast).orElseThrow();
        }

        void await(Predicate<View> wanted, long maxMillis, String what) {
            assertTrue(sim.runUntil(() -> wanted.test(view()), maxMillis),
                    what + " within " + maxMillis + " ms; the view service is at " + view());
        }

        /** Lets the run go on, failing as soon as the view satisfies {@code forbidden}. */
        void never(Predicate<View> forbidden, long millis, String what) {
            assertFalse(sim.runUntil(() -> forbidden.test(view()), millis), what + "; the view service is at "
                    + view());
        }

        void crash(Address server) {
            sim.apply(Scenario.named("crash " + server + " at " + sim.now() + " ms").at(0).crash(server).build());
        }

        void restart(Address server) {
            sim.apply(Scenario.named("restart " + server + " at " + sim.now() + " ms").at(0).restart(server).build());
        }

        /** Starts s1, then s2, and waits for the acknowledged view 2: primary s1, backup s2. */
        void primaryAndBackup() {
            start(S1);
            start(S2);
            await(v -> v.isPrimary(S1) && v.isBackup(S2), DEAD_MILLIS, "s2 should become backup of s1");
            sim.runFor(2 * ViewService.PING_INTERVAL_MILLIS);
            assertEquals(new View(2, S1, S2), view(), "with s1 then s2 pinging, the second view should be"
                    + " primary s1 and backup s2, and nothing should change while both ping");
        }
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.BASIC)
    @Description("The first server to ping becomes primary of view 1, with no backup, and every ping is answered"
            + " with the current view.")
    void firstPrimary(TestRun test) {
        World world = new World(test.simulation());
        assertEquals(View.initial(), world.view(), "before any server pings, the view should be view 0 with"
                + " no primary and no backup");
        world.start(S1);
        world.await(v -> v.number() >= 1, DEAD_MILLIS, "the first ping should make view 1");
        world.sim.runFor(5 * ViewService.PING_INTERVAL_MILLIS);
        assertEquals(new View(1, S1, View.NOBODY), world.view(), "the only server should be primary of view 1"
                + " with no backup, and the view should stay there while nothing changes");
        assertEquals(world.view(), world.server(S1).latest(), "the view service should answer each ping with"
                + " its current view");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.BASIC)
    @Description("Once the primary has acknowledged view 1, the next server to ping becomes backup in view 2.")
    void firstBackup(TestRun test) {
        World world = new World(test.simulation());
        world.primaryAndBackup();
        assertEquals(world.view(), world.server(S2).latest(), "the backup should learn the view from the reply"
                + " to its ping");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.CRASH)
    @Description("When the primary stops pinging for DEAD_PINGS intervals, the backup becomes primary in the"
            + " next view.")
    void backupTakesOver(TestRun test) {
        World world = new World(test.simulation());
        world.primaryAndBackup();
        world.crash(S1);
        world.await(v -> v.isPrimary(S2), DEAD_MILLIS, "after primary s1 died, backup s2 should become primary");
        assertEquals(new View(3, S2, View.NOBODY), world.view(), "with s1 dead and no idle server, the next"
                + " view should be primary s2 with no backup");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.CRASH)
    @Description("A server that crashed and came back (pinging 0) becomes backup of the primary that replaced it.")
    void restartedServerBecomesBackup(TestRun test) {
        World world = new World(test.simulation());
        world.primaryAndBackup();
        world.crash(S1);
        world.await(v -> v.isPrimary(S2), DEAD_MILLIS, "after primary s1 died, backup s2 should become primary");
        world.restart(S1);
        world.await(v -> v.isPrimary(S2) && v.isBackup(S1), DEAD_MILLIS,
                "the restarted s1 should become backup of s2");
        assertEquals(4, world.view().number(), "s1 should come back as backup in view 4 (views: s1; s1+s2; s2;"
                + " s2+s1)");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.BASIC)
    @Description("A third server waits idle while primary and backup live, and becomes backup when the primary"
            + " dies and the old backup takes over.")
    void idleThirdServerBecomesBackup(TestRun test) {
        World world = new World(test.simulation());
        world.primaryAndBackup();
        world.start(S3);
        world.sim.runFor(DEAD_MILLIS);
        assertEquals(new View(2, S1, S2), world.view(), "an idle third server should not change the view while"
                + " primary and backup both ping");
        world.crash(S1);
        world.await(v -> v.isPrimary(S2) && v.isBackup(S3), DEAD_MILLIS,
                "after primary s1 died, s2 should take over with idle s3 as backup");
        assertEquals(3, world.view().number(), "the take-over with a new backup should be one view, view 3");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.CRASH)
    @Description("A primary that restarts (and so pings with 0) before it is missed is treated as dead: its"
            + " backup takes over although the old primary never stopped pinging.")
    void restartedPrimaryTreatedAsDead(TestRun test) {
        World world = new World(test.simulation());
        world.primaryAndBackup();
        world.server(S1).actRestarted();
        world.await(v -> v.isPrimary(S2), DEAD_MILLIS, "primary s1 pinged with 0 (it restarted and lost its"
                + " data), so backup s2 should become primary");
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.BASIC)
    @Description("The view service does not move past a view its primary has not acknowledged: not to replace a"
            + " dead backup, and not to promote the backup when that primary dies.")
    void waitsForPrimaryAcknowledgement(TestRun test) {
        World world = new World(test.simulation());
        world.start(S1);
        world.await(v -> v.isPrimary(S1), DEAD_MILLIS, "the first server should become primary");
        world.sim.runFor(2 * ViewService.PING_INTERVAL_MILLIS);
        world.server(S1).holdAcknowledgements();
        world.start(S2);
        world.await(v -> v.isBackup(S2), DEAD_MILLIS, "s2 should become backup (view 1 was acknowledged)");
        View unacknowledged = world.view();
        world.start(S3);
        world.crash(S2);
        world.never(v -> v.number() != unacknowledged.number(), 2 * DEAD_MILLIS, "primary s1 never acknowledged "
                + unacknowledged + ", so the view must not move on, even though backup s2 died and s3 is idle");
        world.server(S1).acknowledge();
        world.await(v -> v.isPrimary(S1) && v.isBackup(S3), DEAD_MILLIS,
                "once s1 acknowledged the view, dead s2 should be replaced by idle s3");

        // Now the other way: a new backup joins in a view the primary never acknowledges, and the primary dies.
        world.sim.runFor(2 * ViewService.PING_INTERVAL_MILLIS);
        world.server(S1).holdAcknowledgements();
        world.restart(S2);
        world.crash(S3);
        world.await(v -> v.isPrimary(S1) && v.isBackup(S2), DEAD_MILLIS,
                "after backup s3 died, the restarted s2 should become backup");
        world.crash(S1);
        world.never(v -> v.isPrimary(S2), 2 * DEAD_MILLIS, "primary s1 died without acknowledging the view that"
                + " made s2 backup, so s2 may never have received the data: it must not become primary");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.CRASH)
    @Description("A server that was never backup (it has no data) never becomes primary, even when primary and"
            + " backup both die.")
    void uninitialisedServerNeverPrimary(TestRun test) {
        World world = new World(test.simulation());
        world.primaryAndBackup();
        world.start(S3);
        world.crash(S1);
        world.crash(S2);
        world.never(v -> v.isPrimary(S3), 3 * DEAD_MILLIS, "s3 was never backup, so it holds no data and must not"
                + " become primary when s1 and s2 die");
        assertTrue(world.view().isPrimary(S1) || world.view().isPrimary(S2), "with no backup able to take over,"
                + " the view should keep a dead server as primary and wait, not make up a new primary; it is at "
                + world.view());
    }
    @SeededTest
    @Points(4)
    @Category(TestCategory.UNRELIABLE)
    @Description("A server whose pings go missing for a few intervals, fewer than DEAD_PINGS, is not dead: the"
            + " primary and the backup keep their roles through four such gaps, and the view stays the same.")
    void aFewMissedPingsAreNotDeath(TestRun test) {
        World world = new World(test.simulation());
        world.primaryAndBackup();
        View before = world.view();
        // Pings cut for this long: at most DEAD_PINGS - 1 intervals pass between two pings that arrive.
        long gap = (ViewService.DEAD_PINGS - 2) * ViewService.PING_INTERVAL_MILLIS;
        for (Address server : List.of(S1, S2, S1, S2)) {
            world.sim.apply(Scenario.named(server + "'s pings lost for " + gap + " ms")
                    .at(0).cut(server, VIEW_SERVICE).at(gap).heal().build());
            world.never(v -> !v.equals(before), gap + 3 * ViewService.PING_INTERVAL_MILLIS, server + " missed"
                    + " only " + (gap / ViewService.PING_INTERVAL_MILLIS) + " pings in a row, fewer than DEAD_PINGS ("
                    + ViewService.DEAD_PINGS + "), yet the view changed from " + before + ". A server is dead only"
                    + " after DEAD_PINGS ping intervals without a ping; a few lost pings are normal on a real network");
        }
    }
}
