package dev.crossmesh.ui.topology;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What differs between two topology models, by element id: the view redraws the changed elements, adds and removes
 * the others, and lays itself out again only when the structure (boxes, cards, gateway rows) changed.
 *
 * @param update            which update of the view-model made it: two updates that change the same elements in the same
 *                          way still give two different changes, so that a property holding them fires for both
 * @param changed           elements in both models whose content differs
 * @param added             elements only in the new model
 * @param removed           elements only in the old model
 * @param structureChanged  the networks, their clusters or their gateways differ: positions must be computed again
 */
public record TopologyChange(long update, Set<String> changed, Set<String> added, Set<String> removed, boolean structureChanged) {
    public TopologyChange {
        changed = Set.copyOf(changed);
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
    }

    /** Everything is new: the first model, or a model for another plan. */
    public static TopologyChange everything(TopologyModel model) {
        return everything(0, model);
    }

    public static TopologyChange everything(long update, TopologyModel model) {
        return new TopologyChange(update, Set.of(), model.elements().keySet(), Set.of(), true);
    }

    public static TopologyChange between(TopologyModel before, TopologyModel after) {
        return between(0, before, after);
    }

    public static TopologyChange between(long update, TopologyModel before, TopologyModel after) {
        if (before == null) {
            return everything(update, after);
        }
        Map<String, TopologyModel.Element> old = before.elements();
        Map<String, TopologyModel.Element> now = after.elements();
        Set<String> changed = new LinkedHashSet<>();
        Set<String> added = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        now.forEach((id, e) -> {
            TopologyModel.Element was = old.get(id);
            if (was == null) {
                added.add(id);
            } else if (!was.equals(e)) {
                changed.add(id);
            }
        });
        old.keySet().stream().filter(id -> !now.containsKey(id)).forEach(removed::add);
        return new TopologyChange(update, changed, added, removed, !before.structure().equals(after.structure()));
    }

    public boolean isEmpty() {
        return changed.isEmpty() && added.isEmpty() && removed.isEmpty() && !structureChanged;
    }

    /** Whether the element was changed, added or removed. */
    public boolean touches(String id) {
        return changed.contains(id) || added.contains(id) || removed.contains(id);
    }
}
