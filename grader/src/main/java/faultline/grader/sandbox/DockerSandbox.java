package faultline.grader.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Grades in a Docker container: no network, memory with no swap on top, a CPU quota, a pids limit, a
 * non-root user, every capability dropped, no-new-privileges, a read-only root with a small tmpfs,
 * and a wall-clock deadline after which the container is stopped, then killed.
 *
 * <p>Files: the runner, its lib/, the framework and the suites are bind-mounted read only. The
 * submission is copied into /work, an anonymous volume owned by the sandbox user (a read-only root
 * still accepts copies into a volume, and the host folder's permissions do not matter); the runner
 * writes /work/out there, and it is copied out as a tar after the container ends (a tmpfs would be
 * gone by then). Volume and container are removed whatever happened, and leftovers of a crashed grader
 * are swept by label when a sandbox connects. One client serves the sandbox for its whole life.
 *
 * <p>A container has no deadline of its own: the grader enforces it. So each container is labelled with
 * the grader process that made it ({@link SandboxOwner}), the runner inside is given the deadline too and
 * stops itself shortly after it, and the sweep removes the containers of a grader on this host that is gone.
 */
public final class DockerSandbox implements Sandbox {

    public static final String LABEL = "faultline.sandbox";
    static final String USER = "65534:65534";
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** A run's artifacts (results, traces) beyond this are not copied out. */
    private static final long ARTIFACTS_CAP = 64L << 20;
    /** How long reading an ended container's log may take; the engine keeps at most the staff cap of it. */
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    /** Longer than any run's deadline: an ended container this old is nobody's run any more. */
    private static final Duration LEFTOVER_AGE = Duration.ofHours(2);

    private final DockerClient docker;
    private final SandboxImage.Built image;
    private final RunnerDistribution distribution;
    private final RunnerJvm jvm;
    /** This grader process, named on every container it makes. */
    private final SandboxOwner owner = SandboxOwner.current();
    /** The last container this sandbox created, so tests can check it is gone. */
    private volatile String lastContainer = "";

    private DockerSandbox(DockerClient docker, SandboxImage.Built image, RunnerDistribution distribution, RunnerJvm jvm) {
        this.docker = docker;
        this.image = image;
        this.distribution = distribution;
        this.jvm = jvm;
    }

    /**
     * Connects to the engine named by the environment (DOCKER_HOST, or the local socket), makes sure
     * the image exists, and removes containers a previous grader left behind.
     */
    public static DockerSandbox connect(RunnerDistribution distribution, RunnerJvm jvm) throws SandboxUnavailableException {
        DockerClient docker = client();
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(docker);
            throw new SandboxUnavailableException("No Docker engine answers (" + rootMessage(e)
                    + "). Start one (dockerd) or grade with the local sandbox.", e);
        }
        try {
            SandboxImage.Built image = SandboxImage.ofThisJdk().ensure(docker);
            DockerSandbox sandbox = new DockerSandbox(docker, image, distribution, jvm);
            sandbox.sweepLeftovers();
            return sandbox;
        } catch (SandboxUnavailableException | RuntimeException e) {
            closeQuietly(docker);
            throw e;
        }
    }

    static DockerClient client() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofMinutes(3))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    String lastContainer() {
        return lastContainer;
    }

    /** Whether the engine still has this container (tests: every run's container is removed). */
    boolean exists(String containerId) {
        try {
            docker.inspectContainerCmd(containerId).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public SandboxImage.Built image() {
        return image;
    }

    @Override
    public SandboxKind kind() {
        return SandboxKind.DOCKER;
    }

    @Override
    public SandboxOutcome grade(SandboxRequest request) throws SandboxUnavailableException {
        long start = System.nanoTime();
        Map<String, Duration> phases = new LinkedHashMap<>();
        Path artifacts = request.artifacts().toAbsolutePath();
        SandboxLimits limits = request.limits();
        String id = null;
        try (CappedLog log = new CappedLog(limits.outputBytes(), artifacts.resolve("sandbox.log"))) {
            long t = System.nanoTime();
            id = create(owner, command(request), limits);
            lastContainer = id;
            docker.copyArchiveToContainerCmd(id).withRemotePath("/work")
                    .withTarInputStream(new ByteArrayInputStream(tarOf(request.sources(), "submission/"))).exec();
            phases.put("create", since(t));

            t = System.nanoTime();
            docker.startContainerCmd(id).exec();
            phases.put("start", since(t));

            t = System.nanoTime();
            boolean timedOut = !awaitExit(id, limits.wallClock());
            if (timedOut) {
                stopThenKill(id);
            }
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            int exitCode = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
            boolean oomKilled = Boolean.TRUE.equals(state.getOOMKilled());
            collectLog(id, log);
            phases.put("run", since(t));

            t = System.nanoTime();
            copyOut(id, artifacts);
            phases.put("copy-out", since(t));

            RunEnding ending = RunEnding.read(artifacts, exitCode, timedOut, oomKilled, log.text(), limits);
            ending.report().ifPresent(r -> r.phaseMillis().forEach((k, v) -> phases.put(k, Duration.ofMillis(v))));
            t = System.nanoTime();
            remove(id);
            id = null;
            phases.put("cleanup", since(t));
            log.finish();
            return new SandboxOutcome(kind(), ending.verdict(), ending.message(), ending.report(), log.text(),
                    log.truncated(), log.file(), since(start), Map.copyOf(phases));
        } catch (IOException | RuntimeException e) {
            throw new SandboxUnavailableException("The Docker sandbox failed (" + rootMessage(e)
                    + "); the run is retried and does not count against the student.", e);
        } finally {
            if (id != null) {
                remove(id);
            }
        }
    }

    private List<String> command(SandboxRequest request) throws SandboxUnavailableException {
        String suites = Files.isDirectory(distribution.suites()) ? "/opt/faultline/suites" : "/opt/faultline/suites.jar";
        return RunnerInvocation.command(SandboxImage.JAVA, jvm.arguments(request.limits()),
                "/opt/faultline/runner.jar:/opt/faultline/lib/*", request, "/work/submission",
                "/opt/faultline/framework.jar", suites, "/work/out", "/tmp/work");
    }

    HostConfig hostConfig(SandboxLimits limits) {
        String suitesMount = Files.isDirectory(distribution.suites()) ? "/opt/faultline/suites" : "/opt/faultline/suites.jar";
        return HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withMemory(limits.memoryBytes())
                .withMemorySwap(limits.memoryBytes())
                .withNanoCPUs((long) (limits.cpus() * 1e9))
                .withPidsLimit((long) limits.pids())
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,noexec,nosuid,nodev,size=" + limits.tmpfsBytes()))
                // No file a run writes grows past the artifacts cap (the kernel refuses the write), and no core
                // dumps; the runner's own budgets (traces, failure messages, results) keep the total within it.
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L), new Ulimit("fsize", ARTIFACTS_CAP, ARTIFACTS_CAP),
                        new Ulimit("core", 0L, 0L)))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", String.valueOf(CappedLog.STAFF_CAP), "max-file", "1")))
                .withBinds(
                        readOnly(distribution.runnerJar(), "/opt/faultline/runner.jar"),
                        readOnly(distribution.runnerLib(), "/opt/faultline/lib"),
                        readOnly(distribution.framework(), "/opt/faultline/framework.jar"),
                        readOnly(distribution.suites(), suitesMount));
    }

    /**
     * Runs one Java source file ({@code java Probe.java}) in a container set up exactly as a grading
     * run, outside the runner, and returns its output: how tests see what student code would get.
     */
    String probe(SandboxLimits limits, Path javaSource) throws IOException {
        String id = start(owner, limits, javaSource);
        try (CappedLog log = new CappedLog(1 << 16, Files.createTempFile("probe", ".log"))) {
            if (!awaitExit(id, limits.wallClock())) {
                stopThenKill(id);
            }
            collectLog(id, log);
            return log.text();
        } finally {
            remove(id);
        }
    }

    /**
     * Starts {@code java Source.java} (the source's folder copied to /work/probe) in a container set up as a
     * grading run and labelled as made by {@code by}; returns its id. The caller removes it.
     */
    String start(SandboxOwner by, SandboxLimits limits, Path javaSource) throws IOException {
        String id = create(by, List.of(SandboxImage.JAVA, "/work/probe/" + javaSource.getFileName()), limits);
        try {
            docker.copyArchiveToContainerCmd(id).withRemotePath("/work")
                    .withTarInputStream(new ByteArrayInputStream(tarOf(javaSource.getParent(), "probe/"))).exec();
            docker.startContainerCmd(id).exec();
            return id;
        } catch (IOException | RuntimeException e) {
            remove(id);
            throw e;
        }
    }

    private String create(SandboxOwner by, List<String> command, SandboxLimits limits) {
        Map<String, String> labels = new LinkedHashMap<>(by.labels());
        labels.put(LABEL, "true");
        return docker.createContainerCmd(image.reference())
                .withLabels(labels)
                .withUser(USER)
                .withWorkingDir("/tmp")
                // UTF-8 file names: a legal Ünïcødé.java must compile and load (the JVM's default is ASCII without it).
                .withEnv("HOME=/tmp", "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
                .withNetworkDisabled(true)
                .withVolumes(new Volume("/work"))
                .withCmd(command)
                .withHostConfig(hostConfig(limits))
                .exec().getId();
    }

    private static Bind readOnly(Path host, String inside) {
        return new Bind(host.toAbsolutePath().toString(), new Volume(inside), AccessMode.ro);
    }

    private boolean awaitExit(String id, Duration deadline) {
        try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).start()) {
            wait.awaitStatusCode(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (DockerClientException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** docker stop sends SIGTERM and kills after the grace; a kill follows in case the stop itself failed. */
    private void stopThenKill(String id) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) STOP_GRACE.toSeconds()).exec();
        } catch (RuntimeException e) {
            // Fall through to kill.
        }
        try {
            if (Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
                docker.killContainerCmd(id).exec();
            }
        } catch (RuntimeException e) {
            // Already gone.
        }
    }

    private void collectLog(String id, CappedLog log) {
        try (ResultCallback.Adapter<Frame> frames = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    log.write(frame.getPayload(), 0, frame.getPayload().length);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }) {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false).exec(frames)
                    .awaitCompletion(LOG_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // What arrived is kept.
        }
    }

    /** Copies /work/out into the artifacts folder, refusing paths that leave it and links of any kind. */
    private void copyOut(String id, Path artifacts) throws IOException {
        Files.createDirectories(artifacts);
        long copied = 0;
        try (InputStream raw = docker.copyArchiveFromContainerCmd(id, "/work/out").exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                int slash = name.indexOf('/');
                String rel = slash < 0 ? "" : name.substring(slash + 1);
                if (rel.isEmpty() || !(e.isFile() || e.isDirectory())) {
                    continue;
                }
                Path target = artifacts.resolve(rel).normalize();
                if (!target.startsWith(artifacts) || target.equals(artifacts.resolve("sandbox.log"))) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (copied + e.getSize() <= ARTIFACTS_CAP) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    copied += e.getSize();
                } else {
                    // Past the cap nothing more is copied, so nothing more is read either: closing the stream
                    // ends the transfer instead of draining the rest of a flood through the engine.
                    break;
                }
            }
        } catch (NotFoundException e) {
            // The runner never got as far as making /work/out: the ending says what happened.
        }
    }

    /** Removes a container and its volume; quietly, since the sweep at the next connect removes what is left. */
    void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        } catch (RuntimeException e) {
            // The sweep at the next connect removes it.
        }
    }

    /**
     * Removes this platform's leftovers: the containers of a grader on this host whose process is gone (killed
     * mid-run, whatever state its container is in), and ended ones older than any deadline. A live grader's
     * containers stay in every state, in this process or another: an ended one may be waiting for its
     * results to be copied out. Containers that name no owner (made before owners were labelled) go when
     * ended or old, as they always did.
     */
    void sweepLeftovers() {
        long now = Instant.now().getEpochSecond();
        List<Container> mine = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, "true")).exec();
        for (Container c : mine) {
            boolean ended = "exited".equals(c.getState()) || "dead".equals(c.getState());
            boolean old = now - c.getCreated() > LEFTOVER_AGE.toSeconds();
            Optional<SandboxOwner> by = SandboxOwner.fromLabels(c.getLabels() == null ? Map.of() : c.getLabels());
            boolean leftover = by.isPresent()
                    ? by.get().isGoneFrom(owner.host()) || (ended && old)
                    : ended || old;
            if (leftover) {
                remove(c.getId());
            }
        }
    }

    /** The submission's files as a tar under {@code prefix}, readable by the sandbox user. */
    static byte[] tarOf(Path root, String prefix) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes); Stream<Path> walk = Files.walk(root)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : walk.sorted().toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                boolean dir = Files.isDirectory(p);
                TarArchiveEntry e = new TarArchiveEntry(prefix + rel + (dir && !rel.isEmpty() ? "/" : ""));
                e.setMode(dir ? 040755 : 0100644);
                e.setIds(0, 0);
                if (!dir) {
                    e.setSize(Files.size(p));
                }
                tar.putArchiveEntry(e);
                if (!dir) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static void closeQuietly(DockerClient docker) {
        try {
            docker.close();
        } catch (IOException e) {
            // Nothing to do.
        }
    }

    @Override
    public void close() {
        closeQuietly(docker);
    }

}
