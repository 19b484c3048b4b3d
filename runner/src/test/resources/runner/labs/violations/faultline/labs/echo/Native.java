package faultline.labs.echo;

final class Native {
    native void poke(); // expect: NATIVE (no line: a native method has no code)
}
