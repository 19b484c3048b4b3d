package faultline.labs.pingpong;

import faultline.framework.Command;

/** The command a client carries: have the server echo {@code value}. */
public record Echo(String value) implements Command {
}
