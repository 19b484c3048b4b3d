package faultline.labs.echo;

import java.util.function.IntConsumer;

final class Process {
    void quit() throws Exception {
        System.exit(3); // expect: PROCESS
        Runtime.getRuntime().halt(1); // expect: PROCESS
        new ProcessBuilder("sh").start(); // expect: PROCESS
    }

    void sneaky() {
        IntConsumer exit = System::exit; // expect: PROCESS
        exit.accept(0);
    }
}
