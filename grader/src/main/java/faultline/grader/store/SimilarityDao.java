package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Similarity runs, their ranked pairs, the pairs' matched regions and the compared files behind them. */
@RegisterConstructorMapper(SimilarityRunRow.class)
@RegisterConstructorMapper(SimilarityPairRow.class)
@RegisterConstructorMapper(SimilarityMatchRow.class)
@RegisterConstructorMapper(SimilarityFileRow.class)
public interface SimilarityDao {

    @SqlUpdate("INSERT INTO similarity_runs (lab, which, min_percent, compared_with, requested_by, started_at, state, "
            + "phase, done, total, submissions, comparisons, message) VALUES (:lab, :which, :minPercent, :comparedWith, "
            + ":requestedBy, :now, 'RUNNING', :phase, 0, 0, 0, 0, '')")
    @GetGeneratedKeys("id")
    long begin(@Bind("lab") String lab, @Bind("which") String which, @Bind("minPercent") double minPercent,
               @Bind("comparedWith") String comparedWith, @Bind("requestedBy") String requestedBy,
               @Bind("now") Instant now, @Bind("phase") String phase);

    @SqlUpdate("UPDATE similarity_runs SET phase = :phase, done = :done, total = :total "
            + "WHERE id = :id AND state = 'RUNNING'")
    int progress(@Bind("id") long id, @Bind("phase") String phase, @Bind("done") int done, @Bind("total") int total);

    @SqlUpdate("UPDATE similarity_runs SET state = :state, phase = :phase, finished_at = :now, "
            + "submissions = :submissions, comparisons = :comparisons, message = :message WHERE id = :id")
    int finish(@Bind("id") long id, @Bind("state") String state, @Bind("phase") String phase, @Bind("now") Instant now,
               @Bind("submissions") int submissions, @Bind("comparisons") int comparisons,
               @Bind("message") String message);

    @SqlUpdate("INSERT INTO similarity_pairs (run_id, rank, first_name, first_submission, second_name, "
            + "second_submission, percent, matched_tokens) VALUES (:runId, :rank, :firstName, :firstSubmission, "
            + ":secondName, :secondSubmission, :percent, :matchedTokens)")
    @GetGeneratedKeys("id")
    long insertPair(@Bind("runId") long runId, @Bind("rank") int rank, @Bind("firstName") String firstName,
                    @Bind("firstSubmission") Long firstSubmission, @Bind("secondName") String secondName,
                    @Bind("secondSubmission") Long secondSubmission, @Bind("percent") double percent,
                    @Bind("matchedTokens") int matchedTokens);

    @SqlBatch("INSERT INTO similarity_matches (pair_id, ordinal, first_file, first_start, first_end, second_file, "
            + "second_start, second_end, tokens) VALUES (:pairId, :ordinal, :firstFile, :firstStart, :firstEnd, "
            + ":secondFile, :secondStart, :secondEnd, :tokens)")
    void insertMatches(@BindMethods List<SimilarityMatchRow> matches);

    @SqlBatch("INSERT INTO similarity_files (run_id, name, path, text) VALUES (:runId, :name, :path, :text)")
    void insertFiles(@BindMethods List<SimilarityFileRow> files);

    @SqlQuery("SELECT * FROM similarity_runs WHERE id = :id")
    Optional<SimilarityRunRow> run(@Bind("id") long id);

    /** A lab's runs, newest first. */
    @SqlQuery("SELECT * FROM similarity_runs WHERE lab = :lab ORDER BY id DESC")
    List<SimilarityRunRow> runs(@Bind("lab") String lab);

    /** A run's pairs at or above {@code minPercent}, most similar first. */
    @SqlQuery("SELECT * FROM similarity_pairs WHERE run_id = :runId AND percent >= :minPercent ORDER BY rank")
    List<SimilarityPairRow> pairs(@Bind("runId") long runId, @Bind("minPercent") double minPercent);

    @SqlQuery("SELECT * FROM similarity_pairs WHERE run_id = :runId AND rank = :rank")
    Optional<SimilarityPairRow> pair(@Bind("runId") long runId, @Bind("rank") int rank);

    @SqlQuery("SELECT * FROM similarity_matches WHERE pair_id = :pairId ORDER BY ordinal")
    List<SimilarityMatchRow> matches(@Bind("pairId") long pairId);

    @SqlQuery("SELECT * FROM similarity_files WHERE run_id = :runId AND name = :name ORDER BY path")
    List<SimilarityFileRow> files(@Bind("runId") long runId, @Bind("name") String name);
}
