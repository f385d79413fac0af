package dev.crossmesh.ui.topology;

import java.util.Collection;
import java.util.Locale;

/**
 * How one element of the topology stands. Every state has its own symbol as well as its own colour, so that it reads
 * without colour (colour-blind viewers, a greyscale print, a washed-out projector).
 */
public enum Health {
    /** Working as the plan wants. */
    OK("ok"),
    /** Not known yet: the cluster has not answered its first list, or a gateway has not been probed. */
    UNKNOWN("unknown"),
    /** Working, but something deserves a look (a warning finding, a reconnecting watch, an extra remote secret). */
    WARNING("warning"),
    /** crossmesh cannot reach the cluster: what is shown is the last known state. */
    OFFLINE("offline"),
    /** Broken: an error finding, a missing remote secret, a network no gateway lets traffic into. */
    ERROR("error");

    private final String label;

    Health(String label) {
        this.label = label;
    }

    /** The word shown next to the symbol and used as the CSS class suffix ({@code health-error}). */
    public String label() {
        return label;
    }

    public String styleClass() {
        return "health-" + label;
    }

    /** The worse of two: error, then offline, then warning, then unknown, then ok (the declaration order). */
    public Health worse(Health other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static Health worst(Collection<Health> all) {
        Health worst = OK;
        for (Health h : all) {
            worst = worst.worse(h);
        }
        return worst;
    }

    public String title() {
        return label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }
}
