package faultline.labs.shardkv;

import faultline.framework.Timer;

/** Reminds a replica to look at its pending proposals and do its chores. */
record ReplicaTick() implements Timer {
}

// SOLUTION BEGIN: the timers of your own
/** Reminds a clerk to send command {@code sequence} again (to another server) if no answer came. */
record ClerkRetry(long sequence) implements Timer {
}
// SOLUTION END
