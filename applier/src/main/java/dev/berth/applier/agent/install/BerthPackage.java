package dev.berth.applier.agent.install;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * berth as {@code scripts/package} lays it out: {@code runtime/} (the jlink runtime), {@code lib/}
 * (the jar), {@code bin/berth} and {@code image/}, the rest of the agent image's root file system.
 * The image is this package at {@value #IN_IMAGE} over {@code image/} at the root, so the agent runs
 * the very runtime and jar of the berth that installs it.
 */
public record BerthPackage(Path root, String version) {
    static final String IN_IMAGE = "opt/berth";
    /** The launcher in the image, run by the image's bash. */
    static final String LAUNCHER = "/" + IN_IMAGE + "/bin/berth";
    /**
     * The launcher's class caches (scripts/lib/jvm-options.sh): this machine's, beside the jar, and
     * only valid for the runtime and jar that made them; not part of the package. Any name, so
     * a cache being created ({@code berth.aot.PID}) stays out too.
     */
    private static final String CLASS_CACHES = IN_IMAGE + "/lib/berth.";
    private static final String IMAGE_ROOT = "image";

    /**
     * The package this JVM runs from; empty when it runs on another Java (a JDK, as the repository's
     * launcher and the tests run it), which has no image parts beside it.
     */
    public static Optional<BerthPackage> running(String version) {
        Path home = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        Path root = home.getParent();
        if (root == null || !home.getFileName().toString().equals("runtime")
                || !Files.isRegularFile(root.resolve("lib/berth.jar"))
                || !Files.isRegularFile(root.resolve("bin/berth"))
                || !Files.isDirectory(root.resolve(IMAGE_ROOT))) {
            return Optional.empty();
        }
        return Optional.of(new BerthPackage(root, version));
    }

    /**
     * The image's root file system as a tar stream. Entries are sorted, owned by root and dated
     * 1970, so the same package gives the same bytes wherever and whenever it is written: their
     * hash names the image.
     */
    void writeRootfs(OutputStream out) {
        Map<String, Path> entries = new TreeMap<>();
        add(entries, root.resolve(IMAGE_ROOT), "");
        // Made here rather than found: null stands for a directory of mode 0755.
        entries.put("opt/", null);
        entries.put(IN_IMAGE + "/", null);
        for (String part : new String[] {"bin", "lib", "runtime"}) {
            add(entries, root.resolve(part), IN_IMAGE + "/" + part);
        }
        entries.keySet().removeIf(name -> name.startsWith(CLASS_CACHES) && !name.endsWith(".jar"));
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                write(tar, entry.getKey(), entry.getValue());
            }
            tar.finish();
            tar.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the agent image from " + root, e);
        }
    }

    /** Each file and directory under {@code dir}, by its path in the image ({@code prefix}/relative). */
    private static void add(Map<String, Path> entries, Path dir, String prefix) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.forEach(path -> {
                String relative = dir.relativize(path).toString();
                String name = prefix.isEmpty() ? relative : relative.isEmpty() ? prefix : prefix + "/" + relative;
                if (!name.isEmpty()) {
                    entries.put(Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name, path);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dir, e);
        }
    }

    private static void write(TarArchiveOutputStream tar, String name, Path path) throws IOException {
        boolean directory = name.endsWith("/");
        boolean link = path != null && Files.isSymbolicLink(path);
        TarArchiveEntry entry = link ? new TarArchiveEntry(name, TarConstants.LF_SYMLINK) : new TarArchiveEntry(name);
        // unix:mode keeps what PosixFilePermission cannot say, such as the sticky bit of /tmp.
        int permissions = path == null ? 0755
                : (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        entry.setMode((link ? 0120000 : directory ? 040000 : 0100000) | permissions);
        entry.setModTime(0);
        entry.setIds(0, 0);
        entry.setNames("root", "root");
        if (link) {
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else if (!directory) {
            entry.setSize(Files.size(path));
        }
        tar.putArchiveEntry(entry);
        if (!link && !directory) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }
}
