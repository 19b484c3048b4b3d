package faultline.grader.sandbox;

/**
 * Picks the sandbox for this machine: Docker when an engine answers and the image exists or can be
 * built, else the local process sandbox, and says which and why (the CLI prints it, runs record it).
 */
public record SandboxSelection(Sandbox sandbox, String reason) {

    public static SandboxSelection choose(RunnerDistribution distribution, RunnerJvm jvm) {
        try {
            DockerSandbox docker = DockerSandbox.connect(distribution, jvm);
            SandboxImage.Built image = docker.image();
            return new SandboxSelection(docker, "Grading in Docker containers (image " + image.reference()
                    + (image.reused() ? "" : ", built just now") + ").");
        } catch (SandboxUnavailableException e) {
            return new SandboxSelection(new LocalSandbox(distribution, jvm), e.getMessage()
                    + " Grading in a local process instead, which is NOT isolated: use it for development and demos only.");
        }
    }
}
