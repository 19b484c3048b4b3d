/**
 * The in-sandbox runner: compiles a submission, checks it against the API allow-list, runs the lab's
 * hidden suite over the given seeds and writes results.json. It is the only writer of that file.
 */
package faultline.runner;
