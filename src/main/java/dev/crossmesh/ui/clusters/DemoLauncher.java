package dev.crossmesh.ui.clusters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.crossmesh.AppDirs;
import dev.crossmesh.demo.DemoApiServer;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;

/** Starts demo clusters for trainers and first-time users (blocking; the step runs it in the background). */
@FunctionalInterface
public interface DemoLauncher {

    Running start(int count) throws IOException;

    /** Demo clusters that run until closed; the wizard closes them when it exits. */
    interface Running extends AutoCloseable {
        Path kubeconfig();

        List<String> contexts();

        @Override
        void close();
    }

    /**
     * In-process demo API servers whose kubeconfig is written to {@code kubeconfig}, each with the simulated
     * control plane, so that an apply to them sees istiod turn ready and the gateways get addresses.
     */
    static DemoLauncher inProcess(Path kubeconfig, SimulationOptions simulation) {
        return count -> {
            DemoClusters demo = DemoClusters.builder().clusters(count).kubeconfig(kubeconfig).simulation(simulation).start();
            List<String> contexts = demo.servers().stream().map(DemoApiServer::name).toList();
            return new Running() {
                @Override
                public Path kubeconfig() {
                    return demo.kubeconfig();
                }

                @Override
                public List<String> contexts() {
                    return contexts;
                }

                /** Stops the servers and, as {@code crossmesh demo} does, removes the kubeconfig that would point at nothing. */
                @Override
                public void close() {
                    demo.close();
                    demo.removeKubeconfig();
                }
            };
        };
    }

    static DemoLauncher inProcess(Path kubeconfig) {
        return inProcess(kubeconfig, SimulationOptions.defaults());
    }

    /** What the app's "Start demo clusters" starts: the CLI's demo kubeconfig and the default simulation (about a second per step). */
    static DemoLauncher inProcess() {
        return inProcess(AppDirs.demoKubeconfig(), SimulationOptions.defaults());
    }
}
