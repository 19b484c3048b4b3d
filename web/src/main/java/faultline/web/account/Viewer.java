package faultline.web.account;

import faultline.grader.store.Role;
import faultline.grader.store.User;

/** The signed-in person a request acts for. */
public record Viewer(long id, String login, String name, Role role) {

    public static Viewer of(User user) {
        return new Viewer(user.id(), user.login(), user.name(), user.role());
    }

    public boolean isStaff() {
        return role == Role.TA || role == Role.INSTRUCTOR;
    }

    public boolean isInstructor() {
        return role == Role.INSTRUCTOR;
    }
}
