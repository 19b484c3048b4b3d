/**
 * The {@code faultline} distribution's entry point and the subcommands web adds to the grader's command line:
 * {@code serve}, {@code demo} and {@code submit}.
 */
package faultline.web.cli;
