package faultline.grader.course;

import faultline.grader.sandbox.SandboxLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A course as configured: its labs and the policies that apply to all of them. */
public record Course(String name, List<LabConfig> labs, LatePolicy late, List<Extension> extensions,
                     SubmissionLimits limits, int seeds, GradePolicy policy, SandboxLimits sandbox) {

    public Course {
        labs = List.copyOf(labs);
        extensions = List.copyOf(extensions);
    }

    public Optional<LabConfig> lab(String name) {
        return labs.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The lab, or an error that lists the labs there are. */
    public LabConfig requireLab(String name) throws CourseException {
        return lab(name).orElseThrow(() -> new CourseException("There is no lab '" + name + "' in course " + this.name
                + ". Labs are: " + labs.stream().map(LabConfig::name).collect(Collectors.joining(", ")) + "."));
    }

    public int extensionDays(String student, String lab) {
        return extensions.stream().filter(e -> e.student().equals(student) && e.lab().equals(lab))
                .mapToInt(Extension::days).sum();
    }

    public Instant dueFor(String student, LabConfig lab) {
        return lab.due().plus(Duration.ofDays(extensionDays(student, lab.name())));
    }

    public Instant hardEndFor(String student, LabConfig lab) {
        return lab.hardEnd().plus(Duration.ofDays(extensionDays(student, lab.name())));
    }

    /** Seeds for a lab: derived from the lab number so every run of one lab uses the same ones. */
    public List<Long> seedsFor(LabConfig lab) {
        int n = lab.seeds().orElse(seeds);
        return java.util.stream.LongStream.rangeClosed(1, n).map(i -> lab.number() * 1000L + i).boxed().toList();
    }
}
