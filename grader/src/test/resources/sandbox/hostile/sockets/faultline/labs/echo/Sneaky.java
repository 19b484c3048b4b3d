package faultline.labs.echo;

/** Ways around java.net.Socket to reach the network; each must still be caught. */
final class Sneaky {
    Object dial() throws Exception {
        new java.net.URL("http://example.org/").openStream(); // expect: NETWORK
        return java.nio.channels.SocketChannel.open(); // expect: NETWORK
    }
}
