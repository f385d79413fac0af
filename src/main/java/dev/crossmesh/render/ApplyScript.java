package dev.crossmesh.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.ControlCharacters;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ReleaseFacts;

/**
 * The {@code apply.sh} of an export: the same steps crossmesh apply takes, as kubectl and istioctl commands, for the
 * istioctl of the plan's release (what that istioctl can do comes from {@link IstioReleases}). Every value from the
 * plan goes through {@link #quote}, comments included.
 */
final class ApplyScript {
    private ApplyScript() {
    }

    static String of(RenderedMesh mesh) {
        MeshPlan plan = mesh.plan();
        ReleaseFacts release = IstioReleases.facts(plan.istio().version());
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n");
        s.append("# crossmesh export of mesh ").append(quote(plan.meshId())).append(" (").append(plan.clusters().size())
                .append(" clusters, ").append(quote(plan.topology().yamlName())).append(", Istio ").append(quote(plan.istio().version())).append(").\n");
        s.append("# Runs the same steps as `crossmesh apply`, in the same order. Needs kubectl, istioctl ")
                .append(quote(release.version().minorLine())).append(" and the kubeconfig contexts named below.\n");
        s.append("# Review it, then run: bash apply.sh\n");
        s.append("set -euo pipefail\ncd \"$(dirname \"$0\")\"\n\n");
        s.append(functions(release));

        for (ClusterSpec cluster : applyOrder(plan)) {
            String ctx = quote(cluster.context());
            s.append(clusterHeading(cluster));
            for (Manifest m : mesh.manifests(cluster.name())) {
                String file = quote(cluster.name() + "/" + m.fileName());
                switch (m.method()) {
                    case API -> s.append(kubectlApply(cluster, m));
                    case ISTIOCTL -> {
                        String placeholder = plan.primaryFor(cluster).map(p -> ManifestRenderer.addressPlaceholder(p.name())).orElse("");
                        if (!placeholder.isEmpty() && m.yaml().contains(placeholder)) {
                            ClusterSpec primary = plan.primaryFor(cluster).orElseThrow();
                            s.append("primary_address=$(gateway_address ").append(quote(primary.context())).append(")\n")
                                    .append("sed ").append(quote("s|" + placeholder + "|")).append("\"${primary_address}|\" ")
                                    .append(file).append(" | istioctl install -y --context=").append(ctx).append(" -f -\n");
                        } else {
                            s.append("istioctl install -y --context=").append(ctx).append(" -f ").append(file).append('\n');
                        }
                    }
                    case ALTERNATIVE -> s.append("# or, instead of the plain gateway objects below: istioctl install -y --context=")
                            .append(ctx).append(" -f ").append(file).append('\n');
                    case REMOTE_SECRET -> {
                        // made below, once every cluster has its reader service account
                    }
                }
            }
            s.append(gatewayAddressEcho(cluster)).append('\n');
        }

        s.append("# --- remote secrets: istiod in each cluster reads the API servers of the clusters it serves ---\n");
        List<String> tokensMade = new ArrayList<>();
        for (ClusterSpec reader : plan.clusters()) {
            for (ClusterSpec source : plan.remoteSecretSources(reader)) {
                appendRemoteSecret(s, release, source, reader, tokensMade);
            }
        }
        s.append('\n').append(doneEcho(plan));
        return s.toString();
    }

    static String kubectlApply(ClusterSpec cluster, Manifest m) {
        return "kubectl --context=" + quote(cluster.context()) + " apply -f " + quote(cluster.name() + "/" + m.fileName()) + "\n";
    }

    /** Primaries first: their remotes need their gateway address. */
    static List<ClusterSpec> applyOrder(MeshPlan plan) {
        List<ClusterSpec> ordered = new ArrayList<>(plan.primaries());
        plan.clusters().stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
        return ordered;
    }

    /** Prints the cluster's east-west gateway address, waiting for it. */
    static String gatewayAddressEcho(ClusterSpec cluster) {
        return "echo " + quote(cluster.name() + ": east-west gateway at ") + "\"$(gateway_address " + quote(cluster.context()) + ")\"\n";
    }

    static String doneEcho(MeshPlan plan) {
        return "echo " + quote("mesh " + plan.meshId() + " applied; check it with: crossmesh status --plan <plan file>") + "\n";
    }

    /** The comment that starts a cluster's steps. */
    static String clusterHeading(ClusterSpec cluster) {
        return "# --- " + quote(cluster.name()) + ": context " + quote(cluster.context()) + ", network " + quote(cluster.network()) + " ---\n";
    }

    /**
     * What the script runs before its steps: the istioctl check, and the shell functions the steps call (the reader
     * token only where this release's istioctl does not make it).
     */
    static String functions(ReleaseFacts release) {
        return istioctlCheck(release.version().minorLine()) + GATEWAY_ADDRESS + (release.istioctlMakesReaderToken() ? "" : READER_TOKEN);
    }

    /**
     * One remote secret: {@code source}'s, written into {@code reader}'s istio-system; first, once per source, the reader
     * token where this release's istioctl does not make it ({@code tokensMade} holds the sources that have one).
     */
    static void appendRemoteSecret(StringBuilder s, ReleaseFacts release, ClusterSpec source, ClusterSpec reader, List<String> tokensMade) {
        if (!release.istioctlMakesReaderToken() && !tokensMade.contains(source.name())) {
            tokensMade.add(source.name());
            s.append("reader_token ").append(quote(source.context())).append('\n');
        }
        s.append(remoteSecretCommand(release, source)).append(" | kubectl --context=").append(quote(reader.context()))
                .append(" apply -n istio-system -f -\n");
    }

    /**
     * {@code istioctl create-remote-secret} for one source; what this release's istioctl has no flag for (the server
     * before 1.9, the TLS server name before 1.26) is written into the kubeconfig it prints.
     */
    private static String remoteSecretCommand(ReleaseFacts release, ClusterSpec source) {
        StringBuilder s = new StringBuilder(release.remoteSecretCommand())
                .append(" --context=").append(quote(source.context()))
                .append(" --name=").append(quote(source.name()))
                .append(" -n istio-system");
        List<String> edits = new ArrayList<>();
        if (!source.apiServer().isEmpty()) {
            if (release.remoteSecretServerFlag()) {
                s.append(" --server=").append(quote(source.apiServer()));
            } else {
                edits.add("s|^\\( *\\)server: .*$|\\1server: " + sedReplacement(source.apiServer()) + "|");
            }
        }
        if (!source.tlsServerName().isEmpty()) {
            if (release.remoteSecretTlsServerNameFlag()) {
                s.append(" --tls-server-name=").append(quote(source.tlsServerName()));
            } else {
                edits.add("s|^\\( *\\)server: .*$|&\\n\\1tls-server-name: " + sedReplacement(source.tlsServerName()) + "|");
            }
        }
        for (String edit : edits) {
            s.append(" | sed ").append(quote(edit));
        }
        return s.toString();
    }

    /** A value as the replacement of a {@code s|...|...|} sed command: its own separator and specials escaped. */
    private static String sedReplacement(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("&", "\\&");
    }

    private static String istioctlCheck(String minorLine) {
        return """
                # istioctl installs only its own release: refuse another one before anything is changed.
                istioctl_release=$(istioctl version --remote=false 2>/dev/null | grep -oE '[0-9]+\\.[0-9]+' | head -n 1 || true)
                if [ "$istioctl_release" != %s ]; then
                  echo "this export is for Istio %s, but istioctl on the PATH is ${istioctl_release:-missing}: put istioctl %s first on the PATH" >&2
                  exit 1
                fi

                """.formatted(quote(minorLine), minorLine, minorLine);
    }

    private static final String GATEWAY_ADDRESS = """
            # Prints the east-west gateway's address once its load balancer has one (up to 5 minutes).
            gateway_address() {
              local context="$1" address=""
              for _ in $(seq 1 60); do
                address=$(kubectl --context="$context" -n istio-system get service istio-eastwestgateway \\
                  -o jsonpath='{.status.loadBalancer.ingress[0].ip}{.status.loadBalancer.ingress[0].hostname}' 2>/dev/null || true)
                if [ -n "$address" ]; then echo "$address"; return 0; fi
                sleep 5
              done
              echo "the east-west gateway in context $context has no address after 5 minutes; for clusters without load balancers set gateway.serviceType: NodePort" >&2
              return 1
            }

            """;

    /**
     * istioctl before 1.14 only reads a token Secret listed on the reader service account, and Kubernetes 1.24+ lists
     * none: make the token Secret istioctl 1.14+ would make, wait for its token, and list it on the account.
     */
    private static final String READER_TOKEN = """
            # istioctl before 1.14 reads the reader's token from a Secret listed on its service account; Kubernetes 1.24+
            # lists none, so make one (as istioctl 1.14+ does) and list it.
            reader_token() {
              local context="$1" secret=istio-reader-service-account-istio-remote-secret-token
              if ! kubectl --context="$context" -n istio-system get serviceaccount istio-reader-service-account >/dev/null 2>&1; then
                echo "context $context has no istio-reader-service-account: install the control plane there first" >&2
                return 1
              fi
              if [ -n "$(kubectl --context="$context" -n istio-system get serviceaccount istio-reader-service-account -o jsonpath='{.secrets[0].name}')" ]; then
                return 0
              fi
              kubectl --context="$context" -n istio-system apply -f - <<EOF
            apiVersion: v1
            kind: Secret
            metadata:
              name: ${secret}
              namespace: istio-system
              annotations:
                kubernetes.io/service-account.name: istio-reader-service-account
            type: kubernetes.io/service-account-token
            EOF
              for _ in $(seq 1 20); do
                if [ -n "$(kubectl --context="$context" -n istio-system get secret "$secret" -o jsonpath='{.data.token}' 2>/dev/null)" ]; then
                  kubectl --context="$context" -n istio-system patch serviceaccount istio-reader-service-account --type=json \\
                    -p "[{\\"op\\": \\"add\\", \\"path\\": \\"/secrets\\", \\"value\\": [{\\"name\\": \\"${secret}\\"}]}]" >/dev/null
                  return 0
                fi
                sleep 1
              done
              echo "context $context did not fill the token Secret ${secret} in 20 s" >&2
              return 1
            }

            """;

    /**
     * Quotes a value for bash: every value the script writes goes through here, in commands and comments alike.
     * Plain words stay as they are; anything else is single-quoted, and a value holding a control character is
     * written as {@code $'...'} with the character's bytes escaped, so that no newline can end a comment and start a command.
     */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:@=-]+")) {
            return word;
        }
        if (word.chars().noneMatch(ControlCharacters::isControl)) {
            return "'" + word.replace("'", "'\\''") + "'";
        }
        StringBuilder b = new StringBuilder("$'");
        word.codePoints().forEach(c -> {
            if (c == '\\' || c == '\'') {
                b.append('\\').appendCodePoint(c);
            } else if (ControlCharacters.isControl(c)) {
                // its UTF-8 bytes, as bash reads \\xHH the same in every locale (\\u is left as is in the C locale)
                for (byte octet : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    b.append(String.format("\\x%02x", octet & 0xff));
                }
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('\'').toString();
    }
}
