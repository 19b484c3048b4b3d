package faultline.labs.echo;

import java.time.Instant;

final class Clock {
    long now() {
        long a = System.currentTimeMillis(); // expect: CLOCK
        long b = System.nanoTime(); // expect: CLOCK
        return a + b + Instant.now().getEpochSecond(); // expect: CLOCK
    }
}
