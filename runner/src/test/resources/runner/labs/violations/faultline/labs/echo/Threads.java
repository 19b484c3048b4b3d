package faultline.labs.echo;

import java.util.List;
import java.util.concurrent.Executors;

final class Threads {
    void go() {
        new Thread(() -> { }).start(); // expect: THREADS
        Executors.newSingleThreadExecutor(); // expect: THREADS
        List.of(1, 2).parallelStream().count(); // expect: THREADS
    }
}
