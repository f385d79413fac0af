package dev.crossmesh.demo.traffic;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/namespaces/NS/pods/NAME/portforward?ports=PORT}: which pod port a client asks the API server to forward
 * a connection to (fabric8 and istioctl forward one port per stream; the first is taken).
 */
record PortForwardRequest(String namespace, String pod, int port) {
    private static final Pattern PATH = Pattern.compile("^/api/v1/namespaces/([^/?]+)/pods/([^/?]+)/portforward\\?(?:.*&)?ports=([0-9]{1,5})(?:[,&].*)?$");

    static Optional<PortForwardRequest> parse(String pathAndQuery) {
        Matcher m = PATH.matcher(pathAndQuery == null ? "" : pathAndQuery);
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(3));
        return port < 1 || port > 65535 ? Optional.empty() : Optional.of(new PortForwardRequest(m.group(1), m.group(2), port));
    }
}
