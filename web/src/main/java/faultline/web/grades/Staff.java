package faultline.web.grades;

import faultline.web.account.Viewer;

/** The role checks of staff services, in one place so no service forgets one. */
final class Staff {

    private Staff() {
    }

    static void require(Viewer viewer) {
        if (!viewer.isStaff()) {
            throw new NotAllowedException("This page is for course staff. Go back to your labs.");
        }
    }

    static void requireInstructor(Viewer viewer) {
        if (!viewer.isInstructor()) {
            throw new NotAllowedException("Only instructors may do this. Ask an instructor of the course.");
        }
    }
}
