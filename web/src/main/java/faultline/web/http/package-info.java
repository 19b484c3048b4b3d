/**
 * The HTTP edge: controllers that read requests, call a service and render or serialise its answer; the
 * session and CSRF filters; and the one place where exceptions become status codes and pages.
 */
package faultline.web.http;
