package dev.crossmesh.kube;

import java.util.Map;
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

    /** The values of a manifest's hidden keys (a CA key, a kubeconfig's token): never shown, whatever echoes them. */
    void addHidden(dev.crossmesh.render.Manifest manifest) {
        for (String section : java.util.List.of("stringData", "data")) {
            if (manifest.object().get(section) instanceof Map<?, ?> values) {
                manifest.hiddenKeys().forEach(k -> {
                    if (values.get(k) instanceof String v) {
                        if (v.contains("-----BEGIN")) {
                            addPem(v);
                        } else {
                            add(v);
                        }
                    }
                });
            }
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
        ApplyEvent scrubbed = message.equals(event.message()) ? event : event.withMessage(message);
        if (scrubbed.detail() instanceof ApplyEvent.ToolOutput out && !scrub(out.line()).equals(out.line())) {
            return new ApplyEvent(scrubbed.time(), scrubbed.cluster(), scrubbed.step(), scrubbed.kind(), message,
                    new ApplyEvent.ToolOutput(out.tool(), scrub(out.line())));
        }
        return scrubbed;
    }
}
