package dev.crossmesh.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.ControlCharacters;
import dev.crossmesh.plan.IstioVersion;
import dev.crossmesh.plan.MeshPlan;

/** The {@code apply.sh} of an export: the same steps crossmesh apply takes, as kubectl and istioctl commands. */
final class ApplyScript {
    private ApplyScript() {
    }

    static String of(RenderedMesh mesh) {
        MeshPlan plan = mesh.plan();
        IstioVersion version = IstioVersion.of(plan.istio().version());
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n");
        s.append("# crossmesh export of mesh ").append(quote(plan.meshId())).append(" (").append(plan.clusters().size())
                .append(" clusters, ").append(quote(plan.topology().yamlName())).append(", Istio ").append(quote(plan.istio().version())).append(").\n");
        s.append("# Runs the same steps as `crossmesh apply`, in the same order. Needs kubectl, istioctl ")
                .append(quote(plan.istio().version())).append(" and the kubeconfig contexts named below.\n");
        s.append("# Review it, then run: bash apply.sh\n");
        s.append("set -euo pipefail\ncd \"$(dirname \"$0\")\"\n\n");
        s.append("""
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

                """);

        List<ClusterSpec> ordered = new ArrayList<>(plan.primaries());
        plan.clusters().stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
        for (ClusterSpec cluster : ordered) {
            String ctx = quote(cluster.context());
            s.append("# --- ").append(quote(cluster.name())).append(": context ").append(ctx)
                    .append(", network ").append(quote(cluster.network())).append(" ---\n");
            for (Manifest m : mesh.manifests(cluster.name())) {
                String file = quote(cluster.name() + "/" + m.fileName());
                switch (m.method()) {
                    case API -> s.append("kubectl --context=").append(ctx).append(" apply -f ").append(file).append('\n');
                    case ISTIOCTL -> plan.primaryFor(cluster).ifPresentOrElse(primary -> s
                            .append("primary_address=$(gateway_address ").append(quote(primary.context())).append(")\n")
                            .append("sed ").append(quote("s/" + ManifestRenderer.addressPlaceholder(primary.name()) + "/")).append("\"${primary_address}/\" ")
                            .append(file).append(" | istioctl install -y --context=").append(ctx).append(" -f -\n"),
                            () -> s.append("istioctl install -y --context=").append(ctx).append(" -f ").append(file).append('\n'));
                    case ALTERNATIVE -> s.append("# or, instead of the plain gateway objects below: istioctl install -y --context=")
                            .append(ctx).append(" -f ").append(file).append('\n');
                    case REMOTE_SECRET -> {
                        // made below, once every cluster has its reader service account
                    }
                }
            }
            s.append("echo ").append(quote(cluster.name() + ": east-west gateway at ")).append("\"$(gateway_address ").append(ctx).append(")\"\n\n");
        }

        s.append("# --- remote secrets: istiod in each cluster reads the API servers of the clusters it serves ---\n");
        for (ClusterSpec reader : plan.clusters()) {
            for (ClusterSpec source : plan.remoteSecretSources(reader)) {
                s.append(ExportWriter.createRemoteSecretCommand(plan))
                        .append(" --context=").append(quote(source.context()))
                        .append(" --name=").append(quote(source.name()))
                        .append(" -n istio-system");
                if (!source.apiServer().isEmpty() && version.isAtLeast(1, 9)) {
                    s.append(" --server=").append(quote(source.apiServer()));
                }
                s.append(" | kubectl --context=").append(quote(reader.context())).append(" apply -n istio-system -f -\n");
            }
        }
        s.append("\necho ").append(quote("mesh " + plan.meshId() + " applied; check it with: crossmesh status --plan <plan file>")).append('\n');
        return s.toString();
    }

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
