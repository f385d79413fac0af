package dev.crossmesh.kube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Prints the measurements: {@code mvn -o test -Dtest=ApplyMeasurementTest -Dcrossmesh.measure=true}. */
class ApplyMeasurementTest {
    @Test
    @EnabledIfSystemProperty(named = "crossmesh.measure", matches = "true")
    void printRequestsAndTimes() throws Exception {
        ApplyMeasurement.main(new String[0]);
    }
}
