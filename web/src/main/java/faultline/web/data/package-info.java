/**
 * The web module's own SQL: its tables (sessions, API tokens, login attempts, published labs) and the read
 * queries the dashboard needs that the grader's DAOs do not have, on the grader's {@code Database}.
 */
package faultline.web.data;
