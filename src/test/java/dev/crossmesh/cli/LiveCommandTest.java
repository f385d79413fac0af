package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.demo.DemoClusters;

class LiveCommandTest {

    @Test
    void opensTheLiveViewOfAValidPlanWithItsKubeconfig(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start()) {
            AtomicReference<GuiRequest> opened = new AtomicReference<>();
            int code = run(opened, "live", "--plan", "examples/demo-three-clusters.yaml", "--kubeconfig", demo.kubeconfig().toString());
            assertEquals(0, code);
            assertEquals(new GuiRequest(Path.of("examples/demo-three-clusters.yaml"), true, demo.kubeconfig()), opened.get());
        }
    }

    @Test
    void anInvalidPlanOrAnUnknownContextStopsBeforeAWindowOpens(@TempDir Path dir) throws Exception {
        AtomicReference<GuiRequest> opened = new AtomicReference<>();
        Path invalid = Files.writeString(dir.resolve("p.yaml"), "meshId: m\nclusters: []\n");
        assertEquals(1, run(opened, "live", "--plan", invalid.toString()));
        try (DemoClusters demo = DemoClusters.builder().clusters(1).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start()) {
            assertEquals(2, run(opened, "live", "--plan", "examples/demo-three-clusters.yaml", "--kubeconfig", demo.kubeconfig().toString()),
                    "demo-cluster-2 and 3 are not in this kubeconfig");
        }
        assertNull(opened.get());
    }

    private static int run(AtomicReference<GuiRequest> opened, String... args) {
        StringWriter err = new StringWriter();
        int code = Cli.run(args, null, new PrintWriter(new StringWriter()), new PrintWriter(err), request -> {
            opened.set(request);
            return 0;
        });
        assertTrue(code == 0 || !err.toString().isBlank(), "a refusal says why");
        return code;
    }
}
