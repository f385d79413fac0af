package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing contexts as kubectl merges files: the first definition of a name wins, the first current-context counts. */
class KubeconfigsTest {
    @TempDir
    Path dir;

    @Test
    void mergesFilesAsKubectlDoes() throws Exception {
        Path first = write("first", """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters:
                - name: dev-cluster
                  cluster:
                    server: https://dev.example:6443
                - name: demo
                  cluster:
                    server: https://127.0.0.1:40001
                    extensions:
                    - name: crossmesh.dev/demo
                      extension: {cluster: demo-cluster-1}
                contexts:
                - name: dev
                  context: {cluster: dev-cluster, user: alice, namespace: team}
                - name: demo-cluster-1
                  context: {cluster: demo, user: demo}
                users:
                - name: alice
                  user: {token: t}
                """);
        Path second = write("second", """
                current-context: prod
                clusters:
                - name: prod-cluster
                  cluster: {server: "https://prod.example:6443"}
                - name: dev-cluster
                  cluster: {server: "https://other.example:6443"}
                contexts:
                - name: prod
                  context: {cluster: prod-cluster, user: bob}
                - name: dev
                  context: {cluster: prod-cluster, user: mallory}
                - name: no-body
                """);
        List<KubeContext> contexts = Kubeconfigs.of(List.of(first, second)).contexts();
        assertEquals(List.of("dev", "demo-cluster-1", "prod"), contexts.stream().map(KubeContext::name).toList());
        KubeContext dev = contexts.get(0);
        assertEquals(new KubeContext("dev", "dev-cluster", "https://dev.example:6443", "alice", "team", first, true, false), dev);
        assertTrue(contexts.get(1).demo());
        KubeContext prod = contexts.get(2);
        assertEquals("https://prod.example:6443", prod.server());
        assertEquals(second, prod.source());
        assertFalse(prod.current());
    }

    @Test
    void missingFilesAreSkippedAndAnEmptyFileHasNoContexts() throws Exception {
        Path empty = write("empty", "");
        assertEquals(List.of(), Kubeconfigs.of(List.of(dir.resolve("none"), empty)).contexts());
    }

    @Test
    void anUnreadableFileSaysWhereItBreaks() throws Exception {
        Path broken = write("broken", "clusters:\n- name: a\n  cluster: [unclosed\n");
        KubeconfigException e = assertThrows(KubeconfigException.class, () -> Kubeconfigs.of(List.of(broken)).contexts());
        assertTrue(e.getMessage().startsWith("cannot read kubeconfig " + broken + ": line "), e.getMessage());
        Path list = write("list", "- just\n- a list\n");
        e = assertThrows(KubeconfigException.class, () -> Kubeconfigs.of(List.of(list)).contexts());
        assertTrue(e.getMessage().contains("not a kubeconfig"), e.getMessage());
    }

    @Test
    void anUnknownContextIsAnErrorNotAFallback() throws Exception {
        Path file = write("one", "contexts:\n- name: a\n  context: {cluster: c, user: u}\nclusters:\n- name: c\n  cluster: {server: 'https://c:6443'}\n");
        KubeconfigException e = assertThrows(KubeconfigException.class, () -> Kubeconfigs.of(List.of(file)).clientConfig("b"));
        assertTrue(e.getMessage().startsWith("context 'b' is not in kubeconfig " + file), e.getMessage());
        assertEquals("https://c:6443/", Kubeconfigs.of(List.of(file)).clientConfig("a").getMasterUrl());
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
