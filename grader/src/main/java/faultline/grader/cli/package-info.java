/**
 * The {@code faultline} command line (picocli): grade, batch, regrade, replay, export, sandbox
 * image, users.
 * {@link faultline.grader.cli.Cli} builds the command with injected writers and lets other modules
 * add subcommands (the web module adds serve, demo and submit).
 */
package faultline.grader.cli;
