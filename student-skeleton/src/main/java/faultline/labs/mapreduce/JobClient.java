package faultline.labs.mapreduce;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;

/**
 * Submits a {@link RunJob}'s job to the coordinator and waits for the word that it is done,
 * submitting again now and then in case a message was lost. Provided: students need not change it.
 */
public final class JobClient extends Node implements Client {

    /** How long to wait for the coordinator's answer before submitting again. */
    static final long RESUBMIT_MILLIS = 200;

    private final Address coordinator;
    private Job current;
    private JobDone result;

    public JobClient(Address address, Address coordinator) {
        super(address);
        this.coordinator = coordinator;
        onMessage(JobFinished.class, this::handleFinished);
        onTimer(ResubmitTimer.class, this::onResubmit);
    }

    @Override
    protected void init() {
        // Nothing to do until a job is handed over.
    }

    @Override
    public void sendCommand(Command command) {
        current = ((RunJob) command).job();
        result = null;
        send(new SubmitJob(current), coordinator);
        set(new ResubmitTimer(current.name()), RESUBMIT_MILLIS);
    }

    @Override
    public boolean hasResult() {
        return result != null;
    }

    @Override
    public Result takeResult() {
        JobDone taken = result;
        result = null;
        current = null;
        return taken;
    }

    private void handleFinished(JobFinished finished, Address from) {
        if (current != null && result == null && finished.job().equals(current.name())) {
            result = new JobDone(finished.job(), finished.outputFiles());
        }
    }

    private void onResubmit(ResubmitTimer timer) {
        if (current != null && result == null && timer.job().equals(current.name())) {
            send(new SubmitJob(current), coordinator);
            set(timer, RESUBMIT_MILLIS);
        }
    }
}
