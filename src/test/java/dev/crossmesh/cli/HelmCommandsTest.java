package dev.crossmesh.cli;

import static dev.crossmesh.cli.KubeCommandsTest.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.crossmesh.kube.HelmStandIn;
import dev.crossmesh.plan.IstioSpec;

/**
 * The Helm path through the command line, against demo clusters, with {@link HelmStandIn} for helm: diff, apply,
 * status and uninstall as a user runs them.
 */
class HelmCommandsTest {
    static final String VERSION = IstioSpec.DEFAULT_VERSION;

    @AfterEach
    void forgetHelm() {
        HelmStandIn.forget();
    }

    @Test
    void diffApplyStatusAndUninstallWithHelm(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(HelmStandIn.kubectlFound(), "no kubectl on the PATH: the helm stand-in writes helm's records with it");
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            Path log = Files.createDirectories(dir.resolve("helm-calls"));
            HelmStandIn.install(log, "v3.17.0+g301108e");
            String[] helm = {"--control-plane", "helm", "--helm-repo", "https://charts.example.com/istio"};

            CliRunner.Result diff = s.run("diff", helm);
            assertEquals(0, diff.code(), diff.all());
            assertTrue(diff.out().contains("  > run        Helm release istio-system/istiod: helm upgrade --install istiod istiod"
                    + " --repo=https://charts.example.com/istio --version=" + VERSION + " --namespace=istio-system --kube-context=demo-cluster-1"
                    + " --values=cluster-1/helm/istiod-values.yaml --wait (helm at "), diff.out());
            assertFalse(diff.out().contains("Deployment istio-system/istio-eastwestgateway"), "the gateway chart makes the gateway: " + diff.out());

            CliRunner.Result apply = s.run("apply", concat(helm, new String[] {"--yes", "--wait", "10"}));
            assertEquals(0, apply.code(), apply.all());
            assertTrue(apply.out().contains("[cluster-2] Helm release istio-system/istio-base: helm: STATUS: deployed"), apply.out());
            assertTrue(apply.out().contains("[cluster-1] Helm release istio-system/istio-eastwestgateway: helm upgrade --install finished"), apply.out());
            assertTrue(apply.out().contains("east-west gateway addresses: cluster-1=10.0.0.1 cluster-2=10.0.0.2"), apply.out());
            List<HelmStandIn.Call> calls = HelmStandIn.calls(log);
            assertEquals(6, calls.size(), calls.toString());
            assertTrue(calls.stream().allMatch(c -> "https://charts.example.com/istio".equals(c.flag("--repo"))), calls.toString());

            CliRunner.Result again = s.run("apply", concat(helm, new String[] {"--yes", "--wait", "10"}));
            assertEquals(0, again.code(), again.all());

            CliRunner.Result status = CliRunner.run("status", "--json", "--plan", s.plan().toString(), "--kubeconfig", s.demo().kubeconfig().toString());
            JsonObject c1 = JsonParser.parseString(status.out()).getAsJsonObject().getAsJsonArray("clusters").get(0).getAsJsonObject();
            JsonArray releases = c1.getAsJsonArray("helmReleases");
            assertEquals(3, releases.size(), c1.toString());
            JsonObject istiod = releases.get(2).getAsJsonObject();
            assertEquals("istiod", istiod.get("name").getAsString());
            assertEquals("istiod", istiod.get("chart").getAsString());
            assertEquals(VERSION, istiod.get("chartVersion").getAsString());
            assertEquals(2, istiod.get("revision").getAsInt(), "the upgrade's record, not the superseded one");
            CliRunner.Result table = CliRunner.run("status", "--plan", s.plan().toString(), "--kubeconfig", s.demo().kubeconfig().toString());
            assertTrue(table.out().contains("  cluster-1 Helm releases: istio-base (chart base " + VERSION + ", revision 2), istio-eastwestgateway"
                    + " (chart gateway " + VERSION + ", revision 2), istiod (chart istiod " + VERSION + ", revision 2)"), table.out());

            CliRunner.Result uninstall = s.run("uninstall", "--yes");
            assertEquals(0, uninstall.code(), uninstall.all());
            String out = uninstall.out();
            int gateway = out.indexOf("= keep      Helm release istio-system/istio-eastwestgateway: installed with Helm, which owns its objects: stays;"
                    + " to remove it run `helm uninstall istio-eastwestgateway --namespace=istio-system --kube-context=demo-cluster-1`");
            int istiodLine = out.indexOf("= keep      Helm release istio-system/istiod: installed with Helm");
            int base = out.indexOf("= keep      Helm release istio-system/istio-base: installed with Helm");
            assertTrue(gateway >= 0 && gateway < istiodLine && istiodLine < base, "in Istio's uninstall order: " + out);
            assertTrue(out.contains("crossmesh created it, but it stays because it holds "), out);
            assertTrue(s.demo().server("demo-cluster-1").adminClient().services().inNamespace("istio-system").withName("istio-eastwestgateway").get() != null,
                    "what Helm made stays for helm uninstall");
            assertNull(s.demo().server("demo-cluster-1").adminClient().secrets().inNamespace("istio-system").withName("cacerts").get(),
                    "crossmesh's own objects go");
        }
    }

    @Test
    void helmsOwnErrorIsShownWithTheClusterNamed(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(HelmStandIn.kubectlFound(), "no kubectl on the PATH");
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            Path log = Files.createDirectories(dir.resolve("helm-calls"));
            HelmStandIn.install(log, "v3.17.0");
            Files.writeString(log.resolve("fail-release"), "istio-base");
            CliRunner.Result apply = s.run("apply", "--control-plane", "helm", "--yes", "--wait", "5");
            assertEquals(1, apply.code(), apply.all());
            assertTrue(apply.out().contains("[cluster-1] Helm release istio-system/istio-base: FAILED: helm upgrade --install istio-base exited with"
                    + " code 1: Error: INSTALLATION FAILED: Unable to continue with install: ServiceAccount \"istio-reader-service-account\""), apply.out());
            assertTrue(apply.out().contains("cluster-2: 1 failed or refused"), apply.out());
            assertFalse(apply.all().contains("Exception"), apply.all());
        }
    }

    @Test
    void helmOptionsAreCheckedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            CliRunner.Result withoutHelm = s.run("apply", "--helm-repo", "https://charts.example.com");
            assertEquals(2, withoutHelm.code());
            assertTrue(withoutHelm.err().contains("--helm-repo is for the Helm path: add --control-plane helm, or leave it out"), withoutHelm.err());
            CliRunner.Result notUrl = s.run("diff", "--control-plane", "helm", "--helm-repo", "charts.example.com");
            assertEquals(2, notUrl.code());
            assertTrue(notUrl.err().contains("--helm-repo 'charts.example.com' is not a chart repository URL: give https://host/path"), notUrl.err());
            CliRunner.Result both = s.run("apply", "--control-plane", "helm", "--helm-repo", "https://a.example", "--helm-charts", dir.toString());
            assertEquals(2, both.code());
            assertTrue(both.err().contains("--helm-repo and --helm-charts both say where the charts are: give one of them"), both.err());
            CliRunner.Result noFolder = s.run("preflight", "--control-plane", "helm", "--helm-charts", dir.resolve("charts").toString());
            assertEquals(2, noFolder.code());
            assertTrue(noFolder.err().contains("--helm-charts " + dir.resolve("charts") + " is not a folder"), noFolder.err());
            assertNull(s.demo().server("demo-cluster-1").adminClient().namespaces().withName("istio-system").get(), "nothing was applied");
        }
    }
}
