package dev.crossmesh.kube;

/**
 * A context's login (exec) plugin did not give credentials: it failed, hung, or printed no ExecCredential. The message
 * names the context and the plugin's command, and never holds what the plugin printed on stdout (the token).
 */
public class LoginPluginException extends KubeconfigException {
    public LoginPluginException(String message) {
        super(message);
    }

    public LoginPluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
