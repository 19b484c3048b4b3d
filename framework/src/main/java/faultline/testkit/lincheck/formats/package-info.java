/**
 * Readers for recorded history files from other tools (Jepsen's register logs, Porcupine's key/value logs), and the
 * benchmark that checks the public corpus of such histories.
 */
package faultline.testkit.lincheck.formats;
