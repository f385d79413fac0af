package dev.crossmesh.kube;

import java.nio.file.Path;

/**
 * A kubeconfig context as users need to see it: names like "default" repeat, so the server and user go with it.
 *
 * @param namespace the context's default namespace, or ""
 * @param source    the kubeconfig file that defines it
 * @param demo      whether it points at a crossmesh demo cluster
 */
public record KubeContext(String name, String cluster, String server, String user, String namespace, Path source,
        boolean current, boolean demo) {
}
