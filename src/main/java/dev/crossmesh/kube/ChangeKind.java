package dev.crossmesh.kube;

/** What applying the plan would do to one object or step, as {@code terraform plan} or {@code kubectl diff} would say it. */
public enum ChangeKind {
    /** The object does not exist: it will be created. */
    CREATE("create", "+"),
    /** The object exists and some desired fields differ: it will be updated. */
    UPDATE("update", "~"),
    /** The object exists as desired. */
    UNCHANGED("unchanged", "="),
    /** The object exists but crossmesh did not create it: left alone unless --force. */
    NOT_OWNED("not-owned", "!"),
    /** Another field manager set a field the plan sets to another value: left alone unless --force takes it. */
    CONFLICT("conflict", "!"),
    /** A step that always runs, such as {@code istioctl install}. */
    RUN("run", ">"),
    /** A step the user must take by hand, such as installing the control plane without istioctl. */
    MANUAL("manual", "?"),
    /** A step left out on purpose, such as the control plane with {@code --control-plane skip}. */
    SKIPPED("skip", "-"),
    /** The live object could not be read (cluster unreachable, no permission). */
    UNREADABLE("unreadable", "x");

    private final String label;
    private final String symbol;

    ChangeKind(String label, String symbol) {
        this.label = label;
        this.symbol = symbol;
    }

    public String label() {
        return label;
    }

    /** One character for a diff line: + ~ = ! > ? - x. */
    public String symbol() {
        return symbol;
    }

    /** Whether applying changes something in the cluster. */
    public boolean changes() {
        return this == CREATE || this == UPDATE || this == RUN;
    }
}
