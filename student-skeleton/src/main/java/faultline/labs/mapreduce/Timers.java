package faultline.labs.mapreduce;

import faultline.framework.Timer;

/** Reminds the client to submit job {@code job} again if the coordinator has not answered. */
record ResubmitTimer(String job) implements Timer {
}

/** Reminds an idle worker to ask for work again. */
record PollTimer() implements Timer {
}

/** Reminds a worker to resend storage request {@code request} if its answer has not come. */
record StorageRetryTimer(long request) implements Timer {
}

/** Fires when the worker has spent the modelled time computing attempt {@code attempt}. */
record WorkTimer(long attempt) implements Timer {
}
