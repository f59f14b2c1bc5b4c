package org.xmppsfs.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a plain socket: what a client library would normalise away (encoded dots,
 * duplicate framing headers, bare CRs, trickled bytes, a lying Content-Length, a body stopped midway) goes on the
 * wire exactly as given.
 */
public final class Wire implements AutoCloseable {

    /** One response; {@code body} holds the raw bytes (de-chunked when the server chunked them). */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public Wire(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    public Wire send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Wire send(byte[] bytes) throws IOException {
        return send(bytes, 0, bytes.length);
    }

    public Wire send(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
        out.flush();
        return this;
    }

    /** Sends a request head and reads the answer. */
    public static Reply exchange(int port, String request) throws IOException {
        try (Wire w = new Wire(port)) {
            return w.send(request).read(request.startsWith("HEAD "));
        }
    }

    public Reply read() throws IOException {
        return read(false);
    }

    /** Reads one response: head, then a Content-Length, chunked or read-to-close body (none after HEAD). */
    public Reply read(boolean afterHead) throws IOException {
        String[] lines = readHead().split("\r\n");
        String[] statusLine = lines[0].split(" ");
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + lines[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body;
        if (afterHead || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = new byte[0];
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("body ended after " + body.length + " of " + length + " bytes");
            }
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked();
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, headers, body);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response head ended (" + head.size() + " bytes read)");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers are not used by this server; skip them
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Waits up to {@code millis} for the server: returns what it sent before closing (possibly nothing),
     * or null if the connection is still open when the time is up.
     */
    public byte[] awaitClose(int millis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                got.write(buffer, 0, n);
            }
            return got.toByteArray();
        } catch (SocketTimeoutException e) {
            if (got.size() > 0) {
                throw new IOException("the server sent " + got.size() + " bytes and then kept the connection open");
            }
            return null;
        } catch (java.net.SocketException e) {
            // A reset after the server closed its end counts as closed.
            return got.toByteArray();
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previous);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
