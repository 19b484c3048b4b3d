package faultline.web.http;

import io.javalin.security.RouteRole;

/** Who may reach a route; checked once, before any handler runs. */
public enum Access implements RouteRole {
    /** Anyone, signed in or not (sign-in page, static files). */
    ANYONE,
    /** Any signed-in person; what they then see is narrowed by the services. */
    SIGNED_IN,
    /** TAs and instructors. */
    STAFF,
    /** Instructors only. */
    INSTRUCTOR,
    /** The JSON API: a bearer token instead of a session, and no CSRF token (no cookies are used). */
    TOKEN
}
