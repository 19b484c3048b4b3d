/**
 * The grader's named operations over what it has on record, for the dashboard and the CLI: a submission's
 * results, the scoreboard, a student's history, lab statistics, the queue and its positions, the records
 * behind signing in, and calibration (workers' reference runs, rotation, flagged tests and staff's decisions).
 * Callers get values; the SQL behind them stays in the grader's store.
 */
package faultline.grader.records;
