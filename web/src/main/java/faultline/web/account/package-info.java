/**
 * Who is asking: sign-in through the grader's password hashes, server-side sessions with a CSRF token each,
 * login throttling per account and per address, and hashed API tokens for the command line.
 */
package faultline.web.account;
