/**
 * Lab 0, ping/echo: a client that resends until a server echoes its value back, never mistaking a
 * stale or duplicated answer for the current one. It proves the framework end to end.
 */
package faultline.labs.pingpong;
