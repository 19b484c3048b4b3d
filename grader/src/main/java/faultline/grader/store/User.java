package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;

/** A person known to the course; {@code passwordHash} is empty until a password is set. */
public record User(long id, String login, String name, String email, Role role, Optional<String> passwordHash,
                   Instant createdAt) {
}
