/** Lab 0's hidden suite: echoes under loss, duplication, delay, crashes and partitions. */
package faultline.suites.pingpong;
