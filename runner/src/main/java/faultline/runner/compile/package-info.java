/** Compiles a submission's sources with javax.tools against the framework only, and turns errors into diagnostics. */
package faultline.runner.compile;
