package org.xmppsfs.model.hardening;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A listening loopback socket that nothing should ever connect to: hostile documents point their entities,
 * DTDs and stylesheets at it. The parser works synchronously, so a fetch would have connected before the parse
 * call returned; the kernel queues such a connection whether or not anyone accepts it, and
 * {@link #connectionsSoFar()} collects it without blocking.
 */
final class NoFetchServer implements AutoCloseable {

    private final ServerSocketChannel channel;
    private int connections;

    NoFetchServer() throws IOException {
        channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
    }

    /** An http:// URL on this socket. */
    String url(String path) {
        return "http://127.0.0.1:" + channel.socket().getLocalPort() + path;
    }

    int connectionsSoFar() throws IOException {
        for (SocketChannel accepted; (accepted = channel.accept()) != null; ) {
            connections++;
            accepted.close();
        }
        return connections;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
