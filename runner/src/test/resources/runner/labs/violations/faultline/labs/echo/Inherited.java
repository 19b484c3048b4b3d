package faultline.labs.echo;

final class Inherited extends Thread { // expect: THREADS
    void go() throws InterruptedException {
        start(); // expect: THREADS
    }

    void pause(Object lock) throws InterruptedException {
        lock.wait(); // expect: LOCKS
        this.notifyAll(); // expect: LOCKS
    }
}
