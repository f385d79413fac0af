package dev.crossmesh.certs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.crossmesh.SafeFiles;

/**
 * Held across "is the CA there? then make what is missing", so that two crossmesh at once (two exports, the wizard and
 * the CLI) never make two roots. An OS file lock ({@code .<folder>.lock} beside the CA folder, so that the folder itself
 * can be renamed into place) keeps other processes out; a lock per folder keeps other threads of this one out, as the
 * OS lock belongs to the whole process.
 */
final class CaLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threads;
    private final FileChannel channel;
    private final FileLock lock;

    private CaLock(ReentrantLock threads, FileChannel channel, FileLock lock) {
        this.threads = threads;
        this.channel = channel;
        this.lock = lock;
    }

    /** Blocks until no other crossmesh works on the CA folder {@code dir}; makes its parent folder if need be. */
    static CaLock acquire(Path dir) throws IOException {
        Path parent = SafeFiles.folder(dir.toAbsolutePath().normalize().getParent(), SafeFiles.PRIVATE_FOLDER);
        Path file = parent.toRealPath().resolve("." + dir.getFileName() + ".lock");
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        threads.lock();
        try {
            SafeFiles.refuseLink(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                SafeFiles.setMode(file, SafeFiles.PRIVATE);
                return new CaLock(threads, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            threads.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            threads.unlock();
        }
    }
}
