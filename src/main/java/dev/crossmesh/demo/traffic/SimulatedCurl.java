package dev.crossmesh.demo.traffic;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of curl a mesh check uses: {@code curl [-s] [-S] [-m SECONDS] http://HOST[:PORT]/PATH}. The body goes to
 * stdout as curl prints it; a request that never got an answer ends with curl's own message and exit code.
 */
final class SimulatedCurl {
    private static final Pattern URL = Pattern.compile("^(?:([a-zA-Z][a-zA-Z0-9+.-]*)://)?([^/:?#]+)(?::(\\d{1,5}))?([^?#]*)?.*$");

    /** Where a request goes: what the network does with it. */
    interface Network {
        Answer send(String host, int port, String path);
    }

    /** What came back: an HTTP answer (any status: curl without {@code -f} prints it and exits 0), or no answer. */
    sealed interface Answer {
        record Http(int status, String body) implements Answer {
        }

        /** curl's exit code and message, e.g. 7 "Failed to connect to ...". */
        record NoAnswer(int exitCode, String message) implements Answer {
        }
    }

    private SimulatedCurl() {
    }

    static ExecResult run(List<String> argv, Network network) {
        boolean silent = false;
        boolean showError = false;
        String url = null;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "-s", "--silent" -> silent = true;
                case "-S", "--show-error" -> showError = true;
                case "-sS", "-Ss" -> {
                    silent = true;
                    showError = true;
                }
                case "-m", "--max-time", "--connect-timeout" -> {
                    if (i + 1 >= argv.size()) {
                        return ExecResult.ran(argv, "", "curl: option " + a + ": requires parameter\ncurl: try 'curl --help' for more information\n", 2);
                    }
                    i++; // the demo answers at once: no timeout is ever reached
                }
                default -> {
                    if (a.startsWith("-")) {
                        return ExecResult.ran(argv, "", "curl: option " + a + ": is unknown (the demo's curl knows -s, -S, -m)\n"
                                + "curl: try 'curl --help' for more information\n", 2);
                    }
                    url = a;
                }
            }
        }
        boolean errors = !silent || showError;
        if (url == null) {
            return ExecResult.ran(argv, "", "curl: no URL specified\ncurl: try 'curl --help' for more information\n", 2);
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return ExecResult.ran(argv, "", errors ? "curl: (3) URL rejected: Malformed input to a URL function\n" : "", 3);
        }
        String scheme = m.group(1) == null ? "http" : m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            return ExecResult.ran(argv, "", errors ? "curl: (1) Protocol \"" + scheme + "\" not supported (the demo's curl speaks plain http)\n" : "", 1);
        }
        int port = m.group(3) == null ? 80 : Integer.parseInt(m.group(3));
        String path = m.group(4) == null || m.group(4).isEmpty() ? "/" : m.group(4);
        Answer answer = network.send(m.group(2).toLowerCase(Locale.ROOT), port, path);
        if (answer instanceof Answer.Http http) {
            return ExecResult.ran(argv, http.body(), "", 0);
        }
        Answer.NoAnswer none = (Answer.NoAnswer) answer;
        return ExecResult.ran(argv, "", errors ? "curl: (" + none.exitCode() + ") " + none.message() + "\n" : "", none.exitCode());
    }
}
