package dev.crossmesh.demo.auth;

import java.util.List;

/**
 * Who a request comes from once its token is checked, as Kubernetes' user.Info: a name, a uid (may be empty) and
 * groups, which always hold {@value #AUTHENTICATED}.
 */
public record AuthenticatedUser(String name, String uid, List<String> groups) {
    public static final String AUTHENTICATED = "system:authenticated";
    /** The group kube-apiserver lets do everything, before and whatever RBAC says. */
    public static final String MASTERS = "system:masters";
    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    public static final String SERVICE_ACCOUNTS = "system:serviceaccounts";

    public AuthenticatedUser {
        groups = List.copyOf(groups);
    }

    /** The user of a service account's token: {@code system:serviceaccount:NS:NAME}, in the groups Kubernetes gives it. */
    public static AuthenticatedUser serviceAccount(String namespace, String name, String uid) {
        return new AuthenticatedUser(serviceAccountName(namespace, name), uid,
                List.of(SERVICE_ACCOUNTS, SERVICE_ACCOUNTS + ":" + namespace, AUTHENTICATED));
    }

    public static String serviceAccountName(String namespace, String name) {
        return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
