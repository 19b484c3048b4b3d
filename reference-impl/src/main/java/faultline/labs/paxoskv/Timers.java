package faultline.labs.paxoskv;

import faultline.framework.Timer;

/** Reminds the clerk to try the next server if request {@code sequence} has had no answer. */
record ClerkRetry(long sequence) implements Timer {
}

/** Reminds a server to look for holes in its log and for requests that lost their instance. */
record LogTick() implements Timer {
}
