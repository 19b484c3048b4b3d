/**
 * The grader's SQLite database: one {@link faultline.grader.store.Database} that owns the data source,
 * migrates it with Flyway and serialises writes, plus the SqlObject DAOs and the rows they map.
 */
package faultline.grader.store;
