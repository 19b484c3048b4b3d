package faultline.grader.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The hostile corpus through the local process sandbox, which needs nothing but a JDK. */
class LocalSandboxTest extends HostileCorpusContract {

    private static LocalSandbox sandbox;

    @BeforeAll
    static void open() throws Exception {
        sandbox = new LocalSandbox(SandboxFixtures.echoDistribution(), RunnerJvm.defaults());
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }
}
