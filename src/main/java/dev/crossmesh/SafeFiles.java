package dev.crossmesh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every file and folder crossmesh writes goes through here, so that two promises hold whatever the umask and whatever
 * someone planted: the mode is exactly the one asked for (keys 0600, CA folders 0700, the rest 0644 / 0755), and
 * nothing is ever written through a symbolic link, nor is the mode of a file changed through one. A file is replaced
 * by deleting it and creating a new one exclusively (O_EXCL does not follow links), and modes are set on what was
 * created, never on what a path points to.
 */
public final class SafeFiles {
    /** Private keys, tokens, kubeconfigs, cacerts manifests. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** Certificates, manifests without secrets, plans. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    /** apply.sh: a program, readable by all, writable by the owner only. */
    public static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    /** Folders of the mesh CA. */
    public static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** Folders of an export. */
    public static final Set<PosixFilePermission> PUBLIC_FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SafeFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code file} with exactly {@code mode}, replacing a regular file, refusing a link. */
    public static void write(Path file, String text, Set<PosixFilePermission> mode) throws IOException {
        refuseLink(file);
        Files.deleteIfExists(file);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while crossmesh was replacing it (another program writes there): run again", e);
        }
        setMode(file, mode);
    }

    public static void writePrivate(Path file, String text) throws IOException {
        write(file, text, PRIVATE);
    }

    public static void writePublic(Path file, String text) throws IOException {
        write(file, text, PUBLIC);
    }

    /**
     * The folder {@code dir}, made with its missing parents if need be; what this makes gets exactly {@code mode},
     * a folder that was there keeps its mode (it may be the user's working folder). A link in its place is refused.
     */
    public static Path folder(Path dir, Set<PosixFilePermission> mode) throws IOException {
        makeFolder(dir.toAbsolutePath().normalize(), mode);
        return dir;
    }

    /** A folder of the mesh CA: made as {@link #folder}, and 0700 even when it was there before. */
    public static Path privateFolder(Path dir) throws IOException {
        folder(dir, PRIVATE_FOLDER);
        setMode(dir, PRIVATE_FOLDER);
        return dir;
    }

    private static void makeFolder(Path absolute, Set<PosixFilePermission> mode) throws IOException {
        refuseLink(absolute);
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            makeFolder(parent, mode);
        }
        try {
            Files.createDirectory(absolute);
            setMode(absolute, mode);
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another crossmesh: fine if it is a folder
            refuseLink(absolute);
            if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(absolute + " is a file, not a folder: move it away or choose another folder", e);
            }
        }
    }

    /** Refuses a symbolic link at {@code path}: crossmesh never made one, so someone else did. */
    public static void refuseLink(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new IOException(path + " is a symbolic link (to " + Files.readSymbolicLink(path) + "), which crossmesh did not make;"
                    + " crossmesh never writes through a link: remove it, or choose another folder");
        }
    }

    /** Sets the mode of {@code path} itself, never of what a link there points to. */
    public static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (!POSIX) {
            return;
        }
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            refuseLink(path);
        }
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
    }
}
