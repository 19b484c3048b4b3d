package faultline.labs.paxoskv;

import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Result;

/**
 * A clerk's command to a server. {@code clientId} and {@code sequence} name it uniquely, so that a retry
 * of a Put or Append already carried out, at this server or any other, is recognised and answered
 * without doing it again.
 */
record Request(long clientId, long sequence, Command command) implements Message {
}

/** A server's answer to request {@code sequence}. */
record Reply(long sequence, Result result) implements Message {
}
