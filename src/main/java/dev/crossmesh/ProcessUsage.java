package dev.crossmesh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process uses, for the benchmarks: the resident set where the OS tells it (Linux
 * {@code /proc/self/status}), the heap in use after a collection everywhere, the live threads, and the CPU time it
 * has used so far (all threads: a figure that other work on a loaded machine disturbs less than the wall clock).
 *
 * @param rssBytes      resident set size, or -1 where {@code /proc} is not available
 * @param heapBytes     heap in use after {@code System.gc()}
 * @param threads       live threads
 * @param cpuMicros     CPU time of the process so far, or -1 where the JVM cannot tell
 */
public record ProcessUsage(long rssBytes, long heapBytes, int threads, long cpuMicros) {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** Reads the resident set first, then collects, so that the collection does not change what the OS reports. */
    public static ProcessUsage sample() {
        long cpu = currentCpuMicros();
        long rss = residentSetBytes();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return new ProcessUsage(rss, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                ManagementFactory.getThreadMXBean().getThreadCount(), cpu);
    }

    /** CPU time of this process, or -1. */
    public static long currentCpuMicros() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1000;
        }
        return -1;
    }

    /** VmRSS of this process, or -1 where there is no {@code /proc}. */
    public static long residentSetBytes() {
        if (!Files.isReadable(STATUS)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** One line a parent process can parse: {@code rss=BYTES heap=BYTES threads=N cpu=MICROS}. */
    public String toLine() {
        return "rss=" + rssBytes + " heap=" + heapBytes + " threads=" + threads + " cpu=" + cpuMicros;
    }

    /** Reads what {@link #toLine} wrote, from anywhere in a line. */
    public static ProcessUsage parse(String line) {
        return new ProcessUsage(field(line, "rss"), field(line, "heap"), (int) field(line, "threads"), field(line, "cpu"));
    }

    private static long field(String line, String name) {
        for (String part : line.trim().split("\\s+")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException("no " + name + "= in: " + line);
    }
}
