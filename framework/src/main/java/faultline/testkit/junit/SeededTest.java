package faultline.testkit.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per seed, each run shown as {@code seed=N}. The method takes a
 * {@link TestRun}, which gives it seeded clusters. The seeds come from system properties:
 * {@code faultline.seed=N} runs that one seed (how a failure is replayed); otherwise
 * {@code faultline.seeds} is a count (seeds 1..count, default 3) or a comma-separated list.
 * A failure's message names the seed, the scenario and the command that replays it, and the
 * run's trace is written to {@code faultline.traceDir} (default {@code target/faultline-traces}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(SeededTestExtension.class)
public @interface SeededTest {
}
