package faultline.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import faultline.grader.cli.FakeSandbox;
import faultline.grader.course.CourseFile;
import faultline.grader.queue.MutableClock;
import faultline.grader.queue.QueueEvents;
import faultline.grader.store.CalibrationRow;
import faultline.grader.store.Database;
import faultline.grader.store.LabDao;
import faultline.grader.store.LabRow;
import faultline.grader.store.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A worker host joins a database whose course its server keeps: with its own course file (the default course, every
 * lab) and suites for two labs, it calibrates only the lab the database's course has, adds none of its own labs to the
 * database, and takes up a lab the server adds later.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class JoiningWorkerTest {

    private static final Instant T = CourseFile.defaultCourse().lab("pbkv").orElseThrow().release()
            .plus(Duration.ofDays(1));

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private String url;
    private Database server;

    @BeforeEach
    void open() {
        url = kind.freshUrl(dir);
        server = Database.open(url);
        serverHas("pbkv");
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        StoreKind.drop(url);
    }

    /** The server's course has the lab, as `serve` writes it into the database. */
    private void serverHas(String lab) {
        server.write(h -> {
            h.attach(LabDao.class).upsert(lab, 2, lab, 100, T.minus(Duration.ofDays(1)), T.plus(Duration.ofDays(7)),
                    T.plus(Duration.ofDays(9)));
            return null;
        });
    }

    @Test
    void aWorkerCalibratesOnlyTheLabsOfTheCourseInTheDatabaseItServes() {
        SuiteCatalog suites = new SuiteCatalog() {
            @Override
            public boolean hasSuite(String lab) {
                return Set.of("pbkv", "pingpong").contains(lab);
            }

            @Override
            public Optional<String> digest(String lab) {
                return hasSuite(lab) ? Optional.of("digest-of-" + lab) : Optional.empty();
            }
        };
        ReferenceSolutions references = (lab, target) -> {
            Path pkg = Files.createDirectories(target.resolve("faultline/labs").resolve(lab));
            Files.writeString(pkg.resolve("Reference.java"), "package faultline.labs." + lab + ";\nclass Reference {}\n");
            return true;
        };
        try (Grader worker = Grader.joining(new DataFolder(dir.resolve("worker")), CourseFile.defaultCourse(),
                new MutableClock(T), suites, url)) {
            worker.workers(1, FakeSandbox.factory(), QueueEvents.none(), references).drain();
            assertEquals(List.of("pbkv"), calibratedLabs(worker), "pingpong is not in the server's course");
            assertEquals(List.of("pbkv"), labsInDatabase(), "the worker's own course file added no lab");

            serverHas("pingpong");
            worker.workers(1, FakeSandbox.factory(), QueueEvents.none(), references).drain();
            assertEquals(List.of("pbkv", "pbkv", "pingpong"), calibratedLabs(worker),
                    "a lab the server adds is calibrated (a new worker calibrates every lab again)");
        }
    }

    private static List<String> calibratedLabs(Grader worker) {
        return worker.calibrations().all().stream().map(CalibrationRow::lab).sorted().toList();
    }

    private List<String> labsInDatabase() {
        return server.read(h -> h.attach(LabDao.class).all()).stream().map(LabRow::name).toList();
    }
}
