package dev.crossmesh.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan as read from a file, with what reading found wrong (unknown keys, unknown values, wrong types).
 * Fields that could not be read hold their defaults; the findings say which.
 */
public record PlanDocument(MeshPlan plan, List<Finding> readFindings) {
    public PlanDocument {
        readFindings = readFindings.stream().map(Finding::printable).toList();
    }

    /** Reading findings followed by validation findings: what {@code crossmesh validate} reports. */
    public List<Finding> allFindings() {
        List<Finding> all = new ArrayList<>(readFindings);
        all.addAll(PlanValidator.validate(plan));
        return all;
    }
}
