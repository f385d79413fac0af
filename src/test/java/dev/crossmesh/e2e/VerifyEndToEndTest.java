package dev.crossmesh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.cli.CliRunner;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.DemoFaults;

class VerifyEndToEndTest {
    @Test
    void scratch(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoMeshEndToEndTest.start(dir, DemoFaults.none())) {
            CliRunner.Result apply = CliRunner.run(DemoMeshEndToEndTest.with(demo, dir, "apply", "--plan", DemoMeshEndToEndTest.PLAN, "--yes"));
            assertEquals(0, apply.code(), apply.all());
            long t = System.nanoTime();
            CliRunner.Result verify = CliRunner.run(DemoMeshEndToEndTest.with(demo, dir, "verify", "--plan", DemoMeshEndToEndTest.PLAN));
            System.out.println("took " + (System.nanoTime() - t) / 1_000_000 + " ms");
            System.out.println(verify.out());
            System.out.println(verify.err());
            assertEquals(0, verify.code(), verify.all());
        }
    }
}
