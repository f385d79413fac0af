package dev.crossmesh.demo.traffic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One connection forwarded to a pod's port ({@code pods/NAME/portforward}), seen from the pod: what listens on that port
 * answers the bytes the client sends. In a demo cluster only istiod listens, on its monitoring port, with the HTTP/1.1
 * server of its debug endpoints; any other port refuses the connection, as the kubelet reports it on the error stream.
 * The server answers one request and closes the connection ({@code Connection: close}).
 */
public final class ForwardedConnection {
    /** A request line and headers longer than this are refused, as Go's server does (431). */
    static final int MAX_HEADER_BYTES = 1 << 20;

    /** What the server answers for a request path. */
    record HttpAnswer(int code, String reason, String contentType, String body) {
        static HttpAnswer notFound() {
            return new HttpAnswer(404, "Not Found", "text/plain; charset=utf-8", "404 page not found\n"); // Go's http.NotFound
        }
    }

    private final String refused;
    private final Function<String, HttpAnswer> server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closed;

    private ForwardedConnection(String refused, Function<String, HttpAnswer> server) {
        this.refused = refused;
        this.server = server;
    }

    static ForwardedConnection refused(String message) {
        return new ForwardedConnection(message, null);
    }

    static ForwardedConnection http(Function<String, HttpAnswer> server) {
        return new ForwardedConnection("", server);
    }

    /** Why nothing answers (the message the error stream carries before it closes), or "" when the port listens. */
    public String refusal() {
        return refused;
    }

    /**
     * Takes the bytes the client sent since the last call and answers what the pod sends back: nothing while the
     * request's headers are not complete, then the whole response, after which the pod has closed the connection.
     * Blocking (the answer reads the clusters): call it off the API server's event loop, in the order the bytes came.
     */
    public synchronized byte[] receive(byte[] data) {
        if (closed || server == null) {
            return new byte[0];
        }
        received.write(data, 0, data.length);
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            if (received.size() <= MAX_HEADER_BYTES) {
                return new byte[0];
            }
            return respond(new HttpAnswer(431, "Request Header Fields Too Large", "text/plain; charset=utf-8", "431 Request Header Fields Too Large"));
        }
        String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.") || !requestLine[1].startsWith("/")) {
            return respond(new HttpAnswer(400, "Bad Request", "text/plain; charset=utf-8", "400 Bad Request"));
        }
        String path = requestLine[1].split("\\?", 2)[0];
        return respond(server.apply(path));
    }

    /** Whether the pod has closed the connection (it answered, or nothing listens). */
    public synchronized boolean closed() {
        return closed || server == null;
    }

    private byte[] respond(HttpAnswer answer) {
        closed = true;
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + answer.code() + " " + answer.reason() + "\r\n"
                + "Content-Type: " + answer.contentType() + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }
}
