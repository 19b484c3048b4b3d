package faultline.labs.mapreduce;

import faultline.framework.Command;

/** The command a {@link JobClient} carries: run {@code job} to the end. */
public record RunJob(Job job) implements Command {
}
