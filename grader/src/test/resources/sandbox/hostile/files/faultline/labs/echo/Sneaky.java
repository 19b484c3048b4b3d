package faultline.labs.echo;

import java.io.PrintStream;

/** Ways around java.nio.file to write a file; each must still be caught. */
final class Sneaky {
    void write() throws Exception {
        new PrintStream("/tmp/leak.txt").println("x"); // expect: FILES
        new java.io.File("/tmp").list(); // expect: FILES
        new java.util.Scanner(new java.io.File("/etc/passwd")); // expect: FILES
    }
}
