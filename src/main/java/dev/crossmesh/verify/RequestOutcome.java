package dev.crossmesh.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one request from a client gave: an answer from a helloworld pod (which names its cluster), or an error. */
public sealed interface RequestOutcome {
    /** {@code Hello version: CLUSTER, instance: POD}: the server pods' {@code SERVICE_VERSION} is their cluster's name. */
    Pattern HELLO = Pattern.compile("Hello version: (\\S+), instance: (\\S+)");
    int MAX_ERROR = 300;

    record Answered(String cluster, String instance) implements RequestOutcome {
    }

    /** @param error curl's message or the proxy's answer ("no healthy upstream", "upstream connect error ..."), one line */
    record Failed(String error) implements RequestOutcome {
    }

    static RequestOutcome of(ExecOutput output) {
        if (!output.ran()) {
            return new Failed(line("the request could not be run: " + output.failure()));
        }
        Matcher hello = HELLO.matcher(output.stdout());
        if (hello.find()) {
            return new Answered(printable(hello.group(1)), printable(hello.group(2)));
        }
        String said = !output.stdout().isBlank() ? output.stdout() : output.stderr();
        return new Failed(said.isBlank() ? "curl exited with code " + output.exitCode() + " and printed nothing" : line(said));
    }

    /** What a pod printed, safe on a terminal: control characters (escape sequences) become '?'. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String line(String text) {
        String one = printable(text.replaceAll("\\s+", " ").strip());
        return one.length() > MAX_ERROR ? one.substring(0, MAX_ERROR) + "..." : one;
    }
}
