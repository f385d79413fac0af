package dev.crossmesh.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The README's "Version-specific output" table is generated from {@link IstioReleases}: this test fails when they
 * differ, and rewrites the README's table with {@code -Dreadme.update=true}.
 */
class ReleaseTableReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final String START = "<!-- release table: generated from dev.crossmesh.plan.IstioReleases by ReleaseTableReadmeTest -->";
    private static final String END = "<!-- end of release table -->";

    private record Fact(Function<ReleaseFacts, Object> value, Function<ReleaseFacts, String> words) {
    }

    private static final List<Fact> FACTS = List.of(
            new Fact(ReleaseFacts::eastWestPorts, f -> "east-west ports `" + f.eastWestPorts().tls() + "` / `" + f.eastWestPorts().istiod()
                    + "` / `" + f.eastWestPorts().webhook() + "`"),
            new Fact(ReleaseFacts::routerModeEnv, f -> f.routerModeEnv() ? "`ISTIO_META_ROUTER_MODE=sni-dnat` on the gateway" : "no sni-dnat env"),
            new Fact(ReleaseFacts::overlayMeshIdentity, f -> f.overlayMeshIdentity() ? "the overlay repeats meshID and clusterName"
                    : "the overlay no longer repeats meshID and clusterName"),
            new Fact(ReleaseFacts::overlayInjectionTemplate, f -> f.overlayInjectionTemplate() ? "overlay `injectionTemplate: gateway`" : "no injectionTemplate"),
            new Fact(ReleaseFacts::gatewayInjection, f -> f.gatewayInjection() ? "gateway as plain objects (gateway injection)"
                    : "gateway installed by istioctl from the overlay (no gateway injection)"),
            new Fact(ReleaseFacts::exposeIstiodRevisioned, f -> f.exposeIstiodRevisioned() ? "revisioned expose-istiod (`istiod-vs-<rev>`)" : "plain expose-istiod only"),
            new Fact(ReleaseFacts::networkingApi, f -> "`" + f.networkingApi() + "`"),
            new Fact(ReleaseFacts::remoteInstall, f -> switch (f.remoteInstall()) {
                case UNSUPPORTED -> "primary-remote refused (CM043)";
                case ISTIOD_REMOTE_WITH_BASE -> "remotes: istiodRemote + base, pilot off";
                case ISTIOD_REMOTE -> "remotes: istiodRemote, base and pilot off";
                case REMOTE_PROFILE -> "remotes: `profile: remote`";
            }),
            new Fact(ReleaseFacts::externalIstiod, f -> switch (f.externalIstiod()) {
                case PILOT_ENV -> "primary: `pilot.env.EXTERNAL_ISTIOD`";
                case GLOBAL_VALUE -> "primary: `global.externalIstiod`";
            }),
            new Fact(ReleaseFacts::controlPlaneClusters, f -> f.controlPlaneClusters() ? "remote namespace annotated `controlPlaneClusters`" : "no controlPlaneClusters"),
            new Fact(ReleaseFacts::gatewayDataplaneModeNone, f -> f.gatewayDataplaneModeNone() ? "gateway labelled `istio.io/dataplane-mode: none`" : "no dataplane-mode label"),
            new Fact(ReleaseFacts::readerRbac, f -> "reader ClusterRole `" + f.readerRbac().clusterRoleName() + "` (" + f.readerRbac().rules().size() + " rules)"),
            new Fact(ReleaseFacts::inClusterOperator, f -> f.inClusterOperator() ? "in-cluster operator" : "no in-cluster operator (`--control-plane operator` refused)"),
            new Fact(ReleaseFacts::remoteSecretCommand, f -> "`" + f.remoteSecretCommand() + "`"),
            new Fact(ReleaseFacts::remoteSecretServerFlag, f -> f.remoteSecretServerFlag() ? "`--server`" : "no `--server` (apply.sh edits the kubeconfig)"),
            new Fact(ReleaseFacts::remoteSecretTlsServerNameFlag, f -> f.remoteSecretTlsServerNameFlag() ? "`--tls-server-name`"
                    : "no `--tls-server-name` (apply.sh edits the kubeconfig)"),
            new Fact(ReleaseFacts::istioctlMakesReaderToken, f -> f.istioctlMakesReaderToken() ? "istioctl makes the reader token"
                    : "apply.sh makes the reader token for istioctl"),
            new Fact(ReleaseFacts::clusterzDebug, f -> f.clusterzDebug() ? "istiod's `/debug/clusterz` in status"
                    : "no `/debug/clusterz` (status cannot show istiod's own view)"),
            new Fact(ReleaseFacts::helm, f -> !f.helm().chartRepository() || !f.helm().gatewayChart()
                    ? "no Helm path (no gateway chart; charts not in Istio's repository)"
                    : "Helm: gateway " + (f.helm().gatewayServiceAnnotations() ? "`service.annotations`" : "annotations as `annotations`")
                    + switch (f.helm().remote()) {
                        case NONE -> ", no remotes";
                        case ISTIOD_REMOTE_CHART -> ", remotes: the istiod-remote chart alone";
                        case REMOTE_PROFILE -> ", remotes: base and istiod with `profile: remote`";
                    } + (f.helm().gatewayNetworkPorts() ? ", gateway `networkGatewayPorts`" : "")));

    static String table() {
        StringBuilder s = new StringBuilder(START).append('\n');
        s.append("| release | tagged | Istio support ended | what crossmesh renders differently from here on |\n");
        s.append("|---|---|---|---|\n");
        ReleaseFacts before = null;
        for (ReleaseFacts f : IstioReleases.entries()) {
            List<String> changes = new ArrayList<>();
            for (Fact fact : FACTS) {
                if (before == null || !Objects.equals(fact.value().apply(before), fact.value().apply(f))) {
                    changes.add(fact.words().apply(f));
                }
            }
            boolean patch = before != null && before.version().minorLine().equals(f.version().minorLine());
            s.append("| ").append(patch ? f.version().toString() : f.version().minorLine() + " (to " + f.newestPatch() + ")")
                    .append(" | ").append(patch ? "" : f.released().toString())
                    .append(" | ").append(patch ? "" : f.prerelease() ? "release candidate" : f.supportEnded().map(Object::toString).orElse("supported"))
                    .append(" | ").append(changes.isEmpty() ? "—" : String.join("; ", changes)).append(" |\n");
            before = f;
        }
        return s.append(END).toString();
    }

    @Test
    void readmeTableIsTheReleaseTable() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md has no release table between its markers");
        String current = readme.substring(start, end + END.length());
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, readme.substring(0, start) + table() + readme.substring(end + END.length()), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(table(), current, "the README's release table is out of date: run with -Dreadme.update=true");
    }
}
