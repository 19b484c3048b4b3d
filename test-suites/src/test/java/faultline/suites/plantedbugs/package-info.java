/**
 * Shows that the hidden suites catch real bugs: the reference with a planted bug, patched from source and
 * compiled here, must fail the suite tests meant to catch that bug. Kept outside the suites' own packages
 * so that running a suite by package never runs these.
 */
package faultline.suites.plantedbugs;
