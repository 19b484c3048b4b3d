/**
 * The API allow-list: reads a submission's compiled bytecode and names every use of a JDK API that
 * lab code may not touch (reflection, threads, clocks, files, sockets...), with file and line, before any test runs.
 */
package faultline.runner.check;
