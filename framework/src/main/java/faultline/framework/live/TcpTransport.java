package faultline.framework.live;

import faultline.framework.Address;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Frames over real loopback TCP. Each open node listens on its own ephemeral port; a sender opens one
 * connection per peer on first use and keeps it; frames are length-prefixed ({@link Frame}). Each
 * accepted connection has a reader thread that reassembles frames and hands them to the node's
 * receiver. Shutting a node closes its listener and every connection to or from it, as a crash would.
 */
final class TcpTransport implements Transport {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final long ACCEPTOR_PATIENCE_MILLIS = 1_000;

    private final ThreadRoster threads;
    private final ClassLoader classes;
    private final Consumer<RuntimeException> problems;
    private final Map<Address, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<Link, Connection> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param classes  loads the lab's message classes when frames are read
     * @param problems hears what goes wrong on the wire that is nobody's handler's fault (a frame that
     *                 cannot be read or written), so the cluster can surface it to the test
     */
    TcpTransport(ThreadRoster threads, ClassLoader classes, Consumer<RuntimeException> problems) {
        this.threads = threads;
        this.classes = classes;
        this.problems = problems;
    }

    /** The port {@code node} listens on, while it is open. */
    Optional<Integer> port(Address node) {
        Endpoint endpoint = endpoints.get(node);
        return endpoint == null ? Optional.empty() : Optional.of(endpoint.server.getLocalPort());
    }

    @Override
    public void open(Address node, Receiver receiver) {
        if (closed) {
            return;
        }
        ServerSocket server;
        try {
            server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen on a loopback port for " + node + ": " + e.getMessage()
                    + ". Check that this machine allows local TCP sockets.", e);
        }
        Endpoint endpoint = new Endpoint(node, server, receiver);
        Endpoint previous = endpoints.put(node, endpoint);
        if (previous != null) {
            previous.close();
        }
        endpoint.acceptor = threads.start(node + "-accept", endpoint::accept);
    }

    @Override
    public void shut(Address node) {
        Endpoint endpoint = endpoints.remove(node);
        if (endpoint != null) {
            endpoint.close();
        }
        connections.entrySet().removeIf(entry -> {
            if (entry.getKey().touches(node)) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public boolean send(Frame frame) {
        Address to = frame.to().root();
        Endpoint endpoint = endpoints.get(to);
        if (endpoint == null || closed) {
            return false;
        }
        byte[] body;
        try {
            body = frame.encode();
        } catch (NotSerializableException e) {
            problems.accept(new IllegalArgumentException("A " + frame.message().getClass().getSimpleName() + " sent by "
                    + frame.from() + " cannot be serialized: " + e.getMessage() + " is not Serializable. Make every"
                    + " field of a message a record, a String, a number or a collection of those.", e));
            return false;
        } catch (RuntimeException e) {
            problems.accept(e);
            return false;
        }
        Link link = new Link(frame.from().root(), to);
        // One retry: the cached connection may belong to an earlier incarnation of the receiver.
        for (int attempt = 0; attempt < 2; attempt++) {
            Connection connection = connection(link, endpoint);
            if (connection == null) {
                return false;
            }
            if (connection.write(body)) {
                return true;
            }
            connections.remove(link, connection);
            connection.close();
            endpoint = endpoints.get(to);
            if (endpoint == null || closed) {
                return false;
            }
        }
        return false;
    }

    /** The open connection on {@code link} to {@code endpoint}, made on first use; null when it cannot be made. */
    private Connection connection(Link link, Endpoint endpoint) {
        Connection existing = connections.get(link);
        if (existing != null && existing.target == endpoint) {
            return existing;
        }
        if (existing != null) {
            connections.remove(link, existing);
            existing.close();
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.server.getLocalPort()),
                    CONNECT_TIMEOUT_MILLIS);
        } catch (IOException refused) {
            closeQuietly(socket);
            return null;
        }
        Connection made = new Connection(endpoint, socket);
        Connection raced = connections.putIfAbsent(link, made);
        if (raced != null) {
            made.close();
            return raced.target == endpoint ? raced : null;
        }
        if (closed || endpoints.get(link.to()) != endpoint) {
            // Shut or closed while connecting: do not leave a socket behind that nobody will close.
            connections.remove(link, made);
            made.close();
            return null;
        }
        return made;
    }

    @Override
    public void close() {
        closed = true;
        for (Address node : List.copyOf(endpoints.keySet())) {
            shut(node);
        }
        connections.values().forEach(Connection::close);
        connections.clear();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Closing to release: there is nothing left to do if that fails.
        }
    }

    /** One direction of one link: from a sender node to a receiver node. */
    private record Link(Address from, Address to) {
        boolean touches(Address node) {
            return from.equals(node) || to.equals(node);
        }
    }

    /** A sender's connection to one receiver's endpoint; writes from the node's loop and the clock thread take turns. */
    private static final class Connection {
        final Endpoint target;
        private final Socket socket;
        private final DataOutputStream out;

        Connection(Endpoint target, Socket socket) {
            this.target = target;
            this.socket = socket;
            DataOutputStream stream;
            try {
                stream = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            } catch (IOException e) {
                stream = null;
            }
            this.out = stream;
        }

        synchronized boolean write(byte[] body) {
            if (out == null || socket.isClosed()) {
                return false;
            }
            try {
                Frame.write(out, body);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            closeQuietly(socket);
        }
    }

    /** A node's listening socket and the connections it accepted. */
    private final class Endpoint {
        final Address node;
        final ServerSocket server;
        final Receiver receiver;
        private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();
        private volatile boolean shut;
        volatile Thread acceptor;

        Endpoint(Address node, ServerSocket server, Receiver receiver) {
            this.node = node;
            this.server = server;
            this.receiver = receiver;
        }

        void accept() {
            while (!shut) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException closedOrFailed) {
                    return;
                }
                accepted.add(socket);
                if (shut) {
                    // Shut while this connection was being accepted: close() may already have passed it by.
                    closeQuietly(socket);
                    return;
                }
                threads.start(node + "-read", () -> read(socket));
            }
        }

        private void read(Socket socket) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024))) {
                while (!shut) {
                    Frame frame = Frame.read(in, classes);
                    receiver.receive(frame);
                }
            } catch (EOFException | SocketException ended) {
                // The sender closed the connection, or this node was shut: the reader's work is over.
            } catch (IOException e) {
                if (!shut) {
                    problems.accept(new IllegalStateException("A frame to " + node + " could not be read: "
                            + e.getMessage() + ". The connection was closed; messages on it are lost.", e));
                }
            } finally {
                accepted.remove(socket);
                closeQuietly(socket);
            }
        }

        void close() {
            shut = true;
            closeQuietly(server);
            List<Socket> open = new ArrayList<>(accepted);
            open.forEach(TcpTransport::closeQuietly);
            awaitAcceptorEnd();
        }

        /**
         * The JDK finishes closing a listening socket only once the thread blocked in accept() has
         * woken up; until then the port still accepts. Waiting for it makes a crash take effect at once.
         */
        private void awaitAcceptorEnd() {
            Thread thread = acceptor;
            if (thread == null || thread == Thread.currentThread()) {
                return;
            }
            try {
                thread.join(ACCEPTOR_PATIENCE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
