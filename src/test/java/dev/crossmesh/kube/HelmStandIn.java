package dev.crossmesh.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests: a stand-in for {@code helm} (set as {@code -Dcrossmesh.helm}) that records every call in a folder (its
 * arguments one per line, the KUBECONFIG it got, a copy of its values file) and, with the real kubectl, leaves in the
 * cluster what apply and status look for after {@code helm upgrade --install}: helm's own record of the release (a Secret
 * {@code sh.helm.release.v1.NAME.vN} of type {@code helm.sh/release.v1}, labelled owner=helm, holding the release as
 * gzipped JSON in base64, as helm's storage driver writes it) and, for the gateway chart, the east-west gateway Service.
 * It answers {@code helm version --short} with the text given, and fails the release named in the file
 * {@code fail-release} of its folder with helm's kind of message.
 */
public final class HelmStandIn {
    private HelmStandIn() {
    }

    /** One recorded call. */
    public record Call(List<String> args, String kubeconfig, Path values) {
        public String release() {
            return args.get(2);
        }

        /** The value of {@code --name=value}, or null. */
        public String flag(String name) {
            return args.stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1)).findFirst().orElse(null);
        }
    }

    public static boolean kubectlFound() {
        return ExternalTool.locate("crossmesh.test.kubectl", "CROSSMESH_TEST_KUBECTL", "kubectl").isPresent();
    }

    /** Writes the stand-in into {@code dir} and points crossmesh at it. */
    public static Path install(Path dir, String versionAnswer) throws IOException {
        Path script = dir.resolve("helm");
        Files.writeString(script, """
                #!/bin/bash
                log="%1$s"
                if [ "$1" = version ]; then echo "%2$s"; exit 0; fi
                # claims the next free number: noclobber makes the create atomic, as the clusters run helm at once
                n=1
                while ! (set -C; : > "$log/call-$n.args") 2> /dev/null; do n=$((n + 1)); done
                call="$log/call-$n"
                printf '%%s\\n' "$@" > "$call.args"
                printf '%%s' "$KUBECONFIG" > "$call.kubeconfig"
                release="$3"
                chart="${4##*/}"
                version=local
                for a in "$@"; do
                  case "$a" in
                    --values=*) cp "${a#--values=}" "$call.values" ;;
                    --kube-context=*) context="${a#--kube-context=}" ;;
                    --version=*) version="${a#--version=}" ;;
                  esac
                done
                k() { kubectl --context="$context" -n istio-system "$@"; }
                revision=$(( $(k get secrets -l "owner=helm,name=$release" -o name | grep -c . || true) + 1 ))
                if [ "$revision" = 1 ]; then echo "Release \\"$release\\" does not exist. Installing it now."; fi
                if [ -f "$log/fail-release" ] && [ "$(< "$log/fail-release")" = "$release" ]; then
                  echo "Error: INSTALLATION FAILED: Unable to continue with install: ServiceAccount \\"istio-reader-service-account\\" in namespace \\"istio-system\\" exists and cannot be imported into the current release" >&2
                  exit 1
                fi
                if [ "$chart" = gateway ]; then
                  k create -f - > /dev/null 2>&1 <<EOF || true
                apiVersion: v1
                kind: Service
                metadata:
                  name: istio-eastwestgateway
                  namespace: istio-system
                  labels: {app: istio-eastwestgateway, istio: eastwestgateway, app.kubernetes.io/managed-by: Helm}
                  annotations: {meta.helm.sh/release-name: $release, meta.helm.sh/release-namespace: istio-system}
                spec:
                  type: LoadBalancer
                  selector: {app: istio-eastwestgateway, istio: eastwestgateway}
                  ports: [{name: tls, port: 15443, targetPort: 15443}]
                EOF
                fi
                payload=$(printf '{"name":"%%s","namespace":"istio-system","version":%%s,"info":{"status":"deployed"},"chart":{"metadata":{"name":"%%s","version":"%%s"}}}' \\
                  "$release" "$revision" "$chart" "$version" | gzip -c | base64 -w0)
                secret="sh.helm.release.v1.$release.v$revision"
                k create secret generic "$secret" --type=helm.sh/release.v1 --from-literal=release="$payload" > /dev/null
                k label secret "$secret" owner=helm name="$release" status=deployed version="$revision" > /dev/null
                if [ "$revision" -gt 1 ]; then
                  k label --overwrite secret "sh.helm.release.v1.$release.v$((revision - 1))" status=superseded > /dev/null
                fi
                echo "STATUS: deployed"
                echo "REVISION: $revision"
                """.formatted(dir, versionAnswer));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(Helm.PROPERTY, script.toString());
        return script;
    }

    public static void forget() {
        System.clearProperty(Helm.PROPERTY);
    }

    /** The calls so far, in order. */
    public static List<Call> calls(Path dir) throws IOException {
        List<Call> calls = new ArrayList<>();
        for (int i = 1; Files.exists(dir.resolve("call-" + i + ".args")); i++) {
            calls.add(new Call(Files.readAllLines(dir.resolve("call-" + i + ".args")), Files.readString(dir.resolve("call-" + i + ".kubeconfig")),
                    dir.resolve("call-" + i + ".values")));
        }
        return calls;
    }
}
