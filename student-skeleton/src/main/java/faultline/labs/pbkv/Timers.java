package faultline.labs.pbkv;

import faultline.framework.Timer;

/** Reminds the view service to look for dead servers and move the view on. */
record ViewTick() implements Timer {
}

/** Reminds a server to ping the view service. */
record PingTick() implements Timer {
}

/** Reminds the primary to resend forward {@code forwardId} if the backup has not acknowledged it. */
record ForwardRetry(long forwardId) implements Timer {
}

/** Reminds the primary to resend the state transfer of view {@code viewNumber} until the backup has it. */
record TransferRetry(int viewNumber) implements Timer {
}

/** Reminds the clerk to ask again about request {@code sequence} if no answer came. */
record ClerkRetry(long sequence) implements Timer {
}
