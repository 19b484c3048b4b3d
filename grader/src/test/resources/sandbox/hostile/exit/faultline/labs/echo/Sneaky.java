package faultline.labs.echo;

import java.util.function.IntConsumer;

/** Ways around a plain System.exit call; each must still be caught. */
final class Sneaky {
    void quit() {
        IntConsumer exit = System::exit; // expect: PROCESS
        exit.accept(1);
        Runtime.getRuntime().halt(1); // expect: PROCESS
    }
}
