package faultline.grader.users;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import faultline.grader.store.AuditLog;
import faultline.grader.store.Database;
import faultline.grader.store.Role;
import faultline.grader.store.User;
import faultline.grader.store.UserDao;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Adds and finds people, and keeps their passwords as Argon2id hashes; the web module signs in through it. */
public final class Users {

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    // Argon2id, 19 MiB, 2 passes: OWASP's minimum recommendation, quick enough for a sign-in per request.
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private final Database db;
    private final Clock clock;

    public Users(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds a user; refuses a login that is taken or malformed. */
    public User add(String login, String name, String email, Role role, Optional<String> password, String actor) {
        return insert(login, name, email, role, password.map(Users::hash), actor);
    }

    /** As {@link #add}, with the password already hashed by {@link #hash} (one hash for many accounts). */
    public User addHashed(String login, String name, String email, Role role, String passwordHash, String actor) {
        return insert(login, name, email, role, Optional.of(passwordHash), actor);
    }

    private User insert(String login, String name, String email, Role role, Optional<String> hash, String actor) {
        checkLogin(login);
        return db.write(h -> {
            UserDao users = h.attach(UserDao.class);
            if (users.byLogin(login).isPresent()) {
                throw new IllegalArgumentException("There is already a user '" + login + "'. Pick another login.");
            }
            long id = users.insert(login, name, email, role, hash.orElse(null), clock.instant());
            h.attach(AuditLog.class).append(clock.instant(), actor, "user.add", "user " + login, "role=" + role);
            return users.byId(id).orElseThrow();
        });
    }

    /** The user, added as a student with no password if there was none (batch grading by folder name). */
    public User ensureStudent(String login, String actor) {
        return find(login).orElseGet(() -> add(login, login, "", Role.STUDENT, Optional.empty(), actor));
    }

    public Optional<User> find(String login) {
        return db.read(h -> h.attach(UserDao.class).byLogin(login));
    }

    public List<User> all() {
        return db.read(h -> h.attach(UserDao.class).all());
    }

    public void setPassword(String login, String password, String actor) {
        String hash = hash(password);
        db.write(h -> {
            User user = h.attach(UserDao.class).byLogin(login).orElseThrow(() ->
                    new IllegalArgumentException("There is no user '" + login + "'."));
            h.attach(UserDao.class).setPasswordHash(user.id(), hash);
            h.attach(AuditLog.class).append(clock.instant(), actor, "user.password", "user " + login, "");
            return null;
        });
    }

    /** The user if the password is theirs; empty for an unknown login, no password set, or a wrong password. */
    public Optional<User> authenticate(String login, String password) {
        return find(login).filter(u -> u.passwordHash().map(hash -> matches(password, hash)).orElse(false));
    }

    public static String hash(String password) {
        if (password.length() < 8) {
            throw new IllegalArgumentException("Passwords must have at least 8 characters.");
        }
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public static boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** What a roster import did. */
    public record Imported(int added, int updated, List<String> problems) {
    }

    /**
     * Imports a CSV roster with header {@code login,name,email,role} (role optional, default student).
     * Existing users get their name, email and role updated; bad lines are reported and skipped.
     */
    public Imported importRoster(Path csv, String actor) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().toLowerCase(Locale.ROOT).startsWith("login")) {
            throw new IllegalArgumentException(csv + " does not start with the header `login,name,email,role`. "
                    + "Add it as the first line and import again.");
        }
        int added = 0;
        int updated = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                String login = f[0].trim();
                checkLogin(login);
                String name = f.length > 1 && !f[1].isBlank() ? f[1].trim() : login;
                String email = f.length > 2 ? f[2].trim() : "";
                Role role = f.length > 3 && !f[3].isBlank() ? role(f[3].trim()) : Role.STUDENT;
                Optional<User> existing = find(login);
                if (existing.isPresent()) {
                    db.write(h -> h.attach(UserDao.class).update(existing.get().id(), name, email, role));
                    updated++;
                } else {
                    add(login, name, email, role, Optional.empty(), actor);
                    added++;
                }
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Imported(added, updated, problems);
    }

    public static Role role(String text) {
        try {
            return Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a role; use student, ta or instructor.");
        }
    }

    private static void checkLogin(String login) {
        if (!LOGIN.matcher(login).matches()) {
            throw new IllegalArgumentException("'" + login + "' is not a valid login: use lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit, at most 64 characters.");
        }
    }
}
