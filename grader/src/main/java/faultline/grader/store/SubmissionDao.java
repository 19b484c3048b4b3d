package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Submission.class)
public interface SubmissionDao {

    @SqlUpdate("INSERT INTO submissions (user_id, lab, received_at, content_hash, file_count, bytes, late_days, "
            + "late_status) VALUES (:userId, :lab, :receivedAt, :contentHash, :fileCount, :bytes, :lateDays, :lateStatus)")
    @GetGeneratedKeys("id")
    long insert(@Bind("userId") long userId, @Bind("lab") String lab, @Bind("receivedAt") Instant receivedAt,
                @Bind("contentHash") String contentHash, @Bind("fileCount") int fileCount, @Bind("bytes") long bytes,
                @Bind("lateDays") int lateDays, @Bind("lateStatus") LateStatus lateStatus);

    @SqlQuery("SELECT * FROM submissions WHERE id = :id")
    Optional<Submission> byId(@Bind("id") long id);

    @SqlUpdate("UPDATE submissions SET replaced_course_files = :replacedCourseFiles, left_out_files = :leftOutFiles "
            + "WHERE id = :id")
    void noteCourseCopies(@Bind("id") long id, @BindMethods CourseCopies.Stored copies);

    @SqlQuery("SELECT replaced_course_files, left_out_files FROM submissions WHERE id = :id")
    @RegisterConstructorMapper(CourseCopies.Stored.class)
    Optional<CourseCopies.Stored> courseCopies(@Bind("id") long id);

    @SqlQuery("SELECT * FROM submissions WHERE user_id = :userId AND lab = :lab ORDER BY received_at, id")
    List<Submission> of(@Bind("userId") long userId, @Bind("lab") String lab);

    @SqlQuery("SELECT * FROM submissions WHERE user_id = :userId ORDER BY received_at, id")
    List<Submission> ofStudent(@Bind("userId") long userId);

    @SqlQuery("SELECT * FROM submissions WHERE lab = :lab ORDER BY id")
    List<Submission> ofLab(@Bind("lab") String lab);

    /** Submissions that count against the student's limit: all but those the platform failed to grade. */
    @SqlQuery("SELECT COUNT(*) FROM submissions s WHERE s.user_id = :userId AND s.lab = :lab AND NOT EXISTS ("
            + "SELECT 1 FROM grading_jobs j WHERE j.submission_id = s.id AND j.reason = 'SUBMISSION' "
            + "AND j.state = 'FAILED')")
    int countCharged(@Bind("userId") long userId, @Bind("lab") String lab);

    @SqlQuery("SELECT MAX(received_at) FROM submissions WHERE user_id = :userId AND lab = :lab")
    Optional<Instant> lastReceived(@Bind("userId") long userId, @Bind("lab") String lab);

    @SqlQuery("SELECT * FROM submissions s WHERE s.lab = :lab AND s.id = (SELECT MAX(t.id) FROM submissions t "
            + "WHERE t.user_id = s.user_id AND t.lab = s.lab) ORDER BY s.user_id")
    List<Submission> latestOfLab(@Bind("lab") String lab);
}
