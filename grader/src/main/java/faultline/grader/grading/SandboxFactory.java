package faultline.grader.grading;

import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxUnavailableException;

/** Opens the sandbox one worker grades with; each worker holds its own for as long as it runs. */
public interface SandboxFactory {

    Sandbox open() throws SandboxUnavailableException;

    /** Which sandbox this is, in words, for the CLI and benchmarks ("docker (isolated)"). */
    String describe();
}
