package faultline.labs.mapreduce;

import faultline.framework.Result;
import java.util.List;

/** The coordinator's word that job {@code job} is finished, with the files that hold its output. */
public record JobDone(String job, List<String> outputFiles) implements Result {

    public JobDone {
        outputFiles = List.copyOf(outputFiles);
    }
}
