package dev.crossmesh.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The facts about the machine that a number needs beside it to mean anything.
 *
 * @param cores       processors the JVM sees
 * @param cpu         the CPU's model name, where the OS says ("" elsewhere)
 * @param memoryBytes physical memory, or -1
 * @param os          name, version, architecture
 * @param jvm         vendor, VM name and version
 */
record Machine(int cores, String cpu, long memoryBytes, String os, String jvm) {
    static Machine current() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel().orElse(""), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /**
     * The load averages over 1, 5 and 15 minutes (Linux {@code /proc/loadavg}; elsewhere the 1-minute one the JVM
     * gives, or nothing). Other work on the machine shows here, and slows every number.
     */
    static List<Double> loadAverage() {
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
            try {
                String[] parts = Files.readString(loadavg).trim().split("\\s+");
                return List.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
            } catch (IOException | RuntimeException e) {
                // fall through to the JVM's figure
            }
        }
        double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return one < 0 ? List.of() : List.of(one);
    }

    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
