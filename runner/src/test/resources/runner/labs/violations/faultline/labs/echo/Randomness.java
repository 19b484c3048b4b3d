package faultline.labs.echo;

import java.util.Random;
import java.util.UUID;

final class Randomness {
    double roll() {
        double a = new Random().nextDouble(); // expect: RANDOMNESS
        double b = Math.random(); // expect: RANDOMNESS
        return a + b + UUID.randomUUID().hashCode(); // expect: RANDOMNESS
    }
}
