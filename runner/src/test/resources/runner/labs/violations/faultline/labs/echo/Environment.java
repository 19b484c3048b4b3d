package faultline.labs.echo;

final class Environment {
    String read() {
        return System.getProperty("user.home") + System.getenv("HOME") + Integer.getInteger("x"); // expect: ENVIRONMENT
    }
}
