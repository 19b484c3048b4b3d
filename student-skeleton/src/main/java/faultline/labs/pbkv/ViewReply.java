package faultline.labs.pbkv;

import faultline.framework.Message;

/** The view service's answer to a {@link Ping} or a {@link GetView}: its current view. */
public record ViewReply(View view) implements Message {
}
