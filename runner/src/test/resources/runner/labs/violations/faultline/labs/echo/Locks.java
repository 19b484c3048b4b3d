package faultline.labs.echo;

final class Locks {
    private int n;

    void bump() {
        synchronized (this) { // expect: LOCKS
            n++;
        }
    }

    synchronized void also() {
        n--; // expect: LOCKS (a synchronized method is reported at its first line)
    }
}
