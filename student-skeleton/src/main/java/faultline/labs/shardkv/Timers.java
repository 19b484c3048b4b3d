package faultline.labs.shardkv;

import faultline.framework.Timer;

/** Reminds a replica to look at its pending proposals and do its chores. */
record ReplicaTick() implements Timer {
}

// TODO: the timers of your own
