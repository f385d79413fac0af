package dev.crossmesh.demo.traffic;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/namespaces/NS/pods/NAME/exec?command=curl&command=-sS&container=curl&stdout=true&stderr=true}: what
 * a client asks the API server to run (fabric8 and kubectl send one {@code command} parameter per argument).
 */
record ExecRequest(String namespace, String pod, String container, List<String> command) {
    private static final Pattern PATH = Pattern.compile("^/api/v1/namespaces/([^/?]+)/pods/([^/?]+)/exec(?:\\?(.*))?$");

    static Optional<ExecRequest> parse(String pathAndQuery) {
        Matcher m = PATH.matcher(pathAndQuery == null ? "" : pathAndQuery);
        if (!m.matches()) {
            return Optional.empty();
        }
        String container = "";
        List<String> command = new ArrayList<>();
        if (m.group(3) != null) {
            for (String pair : m.group(3).split("&")) {
                String[] kv = pair.split("=", 2);
                String key = decode(kv[0]);
                String value = kv.length == 2 ? decode(kv[1]) : "";
                if (key.equals("command")) {
                    command.add(value);
                } else if (key.equals("container")) {
                    container = value;
                }
            }
        }
        return Optional.of(new ExecRequest(decode(m.group(1)), decode(m.group(2)), container, List.copyOf(command)));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
