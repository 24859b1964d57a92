package dev.berth.applier.docker;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A tar stream of a few small files made in memory, as the Engine API takes a build context or files to copy. */
public final class TarArchive {
    private TarArchive() {
    }

    /**
     * @param files by path in the archive, in the map's order; each file's parent directories come
     *              first, mode 0755, so the engine need not have them
     * @param mode  of every file
     */
    public static byte[] of(Map<String, byte[]> files, int mode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            Set<String> directories = new HashSet<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String name = file.getKey();
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    String directory = name.substring(0, slash + 1);
                    if (directories.add(directory)) {
                        TarArchiveEntry entry = new TarArchiveEntry(directory);
                        entry.setMode(040755);
                        tar.putArchiveEntry(entry);
                        tar.closeArchiveEntry();
                    }
                }
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setMode(0100000 | mode);
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a tar archive in memory", e);
        }
        return bytes.toByteArray();
    }
}
