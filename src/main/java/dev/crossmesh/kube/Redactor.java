package dev.crossmesh.kube;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last line of defence for secrets in messages: every token crossmesh reads is registered here, and every event
 * message passes through {@link #scrub} before anyone sees it. Messages are built not to hold secrets in the
 * first place; this catches a server that echoes one back in an error.
 */
final class Redactor {
    private static final int MIN_LENGTH = 8;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** A token: hidden as it is and base64-encoded (as a Secret's data holds it). */
    void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.add(secret);
            secrets.add(java.util.Base64.getEncoder().encodeToString(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    /** A private key in PEM: every body line is hidden, so that it stays hidden when a message joins the lines. */
    void addPem(String pem) {
        if (pem == null) {
            return;
        }
        pem.lines().map(String::trim).filter(l -> !l.startsWith("-----") && l.length() >= MIN_LENGTH).forEach(secrets::add);
    }

    String scrub(String text) {
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, "<hidden>");
            }
        }
        return result;
    }

    ApplyEvent scrub(ApplyEvent event) {
        String message = scrub(event.message());
        return message.equals(event.message()) ? event : new ApplyEvent(event.time(), event.cluster(), event.step(), event.kind(), message);
    }
}
