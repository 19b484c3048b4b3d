package faultline.grader.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Grades in a separate JVM on this machine, for machines with no Docker engine. It keeps the heap
 * cap, the deadline (destroy, then destroy forcibly) and the output caps, and the runner's API check
 * still runs, but nothing stops the process from the rest of the machine: it is labelled
 * "local process (not isolated)" wherever a result appears. If this grader dies, the child JVM lives on,
 * but only until shortly past its deadline: the runner is told it and stops itself.
 */
public final class LocalSandbox implements Sandbox {

    private static final Duration GRACE = Duration.ofSeconds(3);

    private final RunnerDistribution distribution;
    private final RunnerJvm jvm;

    public LocalSandbox(RunnerDistribution distribution, RunnerJvm jvm) {
        this.distribution = distribution;
        this.jvm = jvm;
    }

    @Override
    public SandboxKind kind() {
        return SandboxKind.LOCAL;
    }

    @Override
    public SandboxOutcome grade(SandboxRequest request) throws SandboxUnavailableException {
        long start = System.nanoTime();
        Map<String, Duration> phases = new LinkedHashMap<>();
        Path out = request.artifacts().toAbsolutePath();
        Path work;
        try {
            Files.createDirectories(out);
            work = Files.createTempDirectory("faultline-local-");
        } catch (IOException e) {
            throw new SandboxUnavailableException("The local sandbox cannot create its folders: " + e.getMessage(), e);
        }
        List<String> command = command(request, out, work);
        try (CappedLog log = new CappedLog(request.limits().outputBytes(), out.resolve("sandbox.log"))) {
            long t = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile()).start();
            phases.put("start", since(t));
            Thread pump = new Thread(() -> pump(process.getInputStream(), log), "sandbox-log");
            pump.setDaemon(true);
            pump.start();
            boolean timedOut = !process.waitFor(request.limits().wallClock().toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                process.destroy();
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
            pump.join(GRACE.toMillis());
            phases.put("run", since(t));
            t = System.nanoTime();
            RunEnding ending = RunEnding.read(out, process.exitValue(), timedOut, false, log.text(), request.limits());
            ending.report().ifPresent(r -> r.phaseMillis().forEach((k, v) -> phases.put(k, Duration.ofMillis(v))));
            deleteTree(work);
            phases.put("cleanup", since(t));
            return new SandboxOutcome(kind(), ending.verdict(), ending.message(), ending.report(), log.text(),
                    log.truncated(), log.file(), since(start), Map.copyOf(phases));
        } catch (IOException e) {
            throw new SandboxUnavailableException("The local sandbox could not run the runner: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("Grading was interrupted.", e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * The runner's command line for {@code request}. It carries the deadline, so the runner stops itself if
     * this grader dies mid-run and can no longer stop it.
     */
    List<String> command(SandboxRequest request, Path out, Path work) throws SandboxUnavailableException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = distribution.classpath().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        return RunnerInvocation.command(java, jvm.arguments(request.limits()), classpath, request,
                request.sources().toAbsolutePath().toString(), distribution.framework().toAbsolutePath().toString(),
                distribution.suites().toAbsolutePath().toString(), out.toString(), work.toString());
    }

    private static void pump(InputStream in, CappedLog log) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                log.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The process is gone; what was read is kept.
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    @Override
    public void close() {
        // Nothing long-lived: each run is its own process.
    }

}
