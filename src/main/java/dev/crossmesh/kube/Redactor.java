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

    void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.add(secret);
        }
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
