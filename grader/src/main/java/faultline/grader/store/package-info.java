/**
 * The grader's database, which no other module reaches: one {@link faultline.grader.store.Database} that owns
 * the data source, migrates it with Flyway and serialises writes, plus the SqlObject DAOs and the rows they map.
 * It holds everything the platform keeps, the dashboard's sign-in records included; other modules go through
 * the operations of {@code faultline.grader.records} and {@code faultline.grader.grading.Grader}.
 */
package faultline.grader.store;
