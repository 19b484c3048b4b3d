/**
 * Turning view models into bytes: Pebble page templates, and server-side SVG for message-sequence charts of
 * traces and for the staff statistics charts.
 */
package faultline.web.render;
