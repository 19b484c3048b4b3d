package faultline.labs.pingpong;

import faultline.framework.Timer;

/** Reminds the client to send request {@code sequence} again if no answer came. */
record RetryTimer(int sequence) implements Timer {
}
