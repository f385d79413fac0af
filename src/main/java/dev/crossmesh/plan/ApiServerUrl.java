package dev.crossmesh.plan;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** What crossmesh needs to know of an API server URL (the plan's apiServer, a context's server) before using it. */
public final class ApiServerUrl {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ApiServerUrl() {
    }

    /** Whether the URL's authority (after "//", up to the path, query or fragment) has a user part ("user:pass@"); works on URLs that do not parse. */
    static boolean hasUserInfo(String url) {
        int start = url.indexOf("//");
        String rest = start < 0 ? url : url.substring(start + 2);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return rest.substring(0, end).contains("@");
    }

    /** Whether the URL's host is this machine: other clusters' istiod cannot reach it. False for a URL that does not parse. */
    public static boolean isLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && isLoopbackHost(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * localhost (also as the absolute name "localhost." and its subdomains), 127/8, ::1 in any spelling, and 0.0.0.0 / ::
     * (which connect to this host). A host as {@link URI#getHost} gives it: an IPv6 literal in brackets.
     */
    static boolean isLoopbackHost(String uriHost) {
        String host = uriHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return isLoopbackOrAny(host.substring(1, host.length() - 1));
        }
        if (!IPV4.matcher(host).matches() || Arrays.stream(host.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return false; // a name: only DNS knows, and preflight asks the cluster (CM112)
        }
        return isLoopbackOrAny(host);
    }

    /** For an IP literal only: {@code getByName} looks nothing up for one. */
    private static boolean isLoopbackOrAny(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
