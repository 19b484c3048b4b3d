/** A demo course in a fresh data folder: accounts whose logins are printed, and sample submissions to grade. */
package faultline.web.demo;
