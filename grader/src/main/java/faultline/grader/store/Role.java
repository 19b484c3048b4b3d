package faultline.grader.store;

/** What a person may do: students submit, TAs read everything, instructors also configure and grade. */
public enum Role {
    STUDENT, TA, INSTRUCTOR
}
