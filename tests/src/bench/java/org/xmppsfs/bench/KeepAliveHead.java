package org.xmppsfs.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HEAD requests over one blocking keep-alive socket, for latency figures. The JDK HttpClient hands every exchange
 * between its selector thread and an executor; on a two-core machine that alone puts its p99 in the milliseconds
 * even against nginx serving a static file. A plain socket keeps the client's share of each figure small, and the
 * same client measures both the server under test and the nginx floor.
 */
final class KeepAliveHead implements AutoCloseable {

    private final URI base;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveHead(URI base) {
        this.base = base;
    }

    /** HEAD {@code uri} (same host and port as the base); returns the status code. */
    int head(URI uri) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        out.write(("HEAD " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("unexpected status line: " + status);
        }
        boolean close = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (line.regionMatches(true, 0, "Connection:", 0, 11) && line.toLowerCase().contains("close")) {
                close = true;
            }
        }
        if (close) {
            close();
        }
        return Integer.parseInt(status.substring(9, 12));
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            socket = null;
        }
    }
}
