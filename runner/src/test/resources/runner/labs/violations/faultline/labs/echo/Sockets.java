package faultline.labs.echo;

import java.net.Socket;

final class Sockets {
    void dial() throws Exception {
        new Socket("example.org", 80).close(); // expect: NETWORK
    }
}
