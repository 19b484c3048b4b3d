package faultline.labs.echo;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Ways around new Thread(); each must still be caught. */
final class Sneaky extends Thread { // expect: THREADS
    void go() {
        start(); // expect: THREADS
        CompletableFuture.runAsync(() -> { }); // expect: THREADS
        List.of(1, 2, 3).stream().parallel().count(); // expect: THREADS
    }
}
