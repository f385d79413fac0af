package dev.crossmesh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process holds in memory, for the benchmarks: the resident set where the OS tells it (Linux
 * {@code /proc/self/status}), the heap in use after a collection everywhere, and the live threads.
 *
 * @param rssBytes      resident set size, or -1 where {@code /proc} is not available
 * @param heapBytes     heap in use after {@code System.gc()}
 * @param threads       live threads
 */
public record ProcessMemory(long rssBytes, long heapBytes, int threads) {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** Reads the resident set first, then collects, so that the collection does not change what the OS reports. */
    public static ProcessMemory sample() {
        long rss = residentSetBytes();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return new ProcessMemory(rss, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                ManagementFactory.getThreadMXBean().getThreadCount());
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

    /** One line a parent process can parse: {@code rss=BYTES heap=BYTES threads=N}. */
    public String toLine() {
        return "rss=" + rssBytes + " heap=" + heapBytes + " threads=" + threads;
    }

    /** Reads what {@link #toLine} wrote, from anywhere in a line. */
    public static ProcessMemory parse(String line) {
        return new ProcessMemory(field(line, "rss"), field(line, "heap"), (int) field(line, "threads"));
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
