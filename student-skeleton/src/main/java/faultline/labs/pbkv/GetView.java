package faultline.labs.pbkv;

import faultline.framework.Message;

/** Asks the view service for its current view without counting as a server's ping (clerks use it). */
public record GetView() implements Message {
}
