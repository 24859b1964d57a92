package dev.berth.applier.agent.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's image, made from the berth package that installs it and loaded onto an engine as
 * {@code docker load} does, from a tar stream: no registry, nothing built on the host. One layer
 * (the package's root file system) and a config berth writes itself, so the image id is a hash of
 * the content alone and the tag carries it: the same package makes the same image, and an engine
 * that has it is not sent it again.
 */
public final class AgentImage {
    public static final String REPOSITORY = "berth/agent";
    /** The label the images of scripts/build-images carry too: the hash of their file system. */
    static final String CONTENT_HASH = "dev.berth.content-hash";
    private static final String VERSION = "dev.berth.version";
    /** The image's own environment: the engine adds it to every container's. */
    static final List<String> ENV = List.of("PATH=/bin");
    private static final int PIPE_BUFFER = 1 << 20;

    private final BerthPackage berth;
    private final String layerDigest;
    private final long layerSize;
    private final byte[] config;
    private final String id;

    private AgentImage(BerthPackage berth, String layerDigest, long layerSize, byte[] config) {
        this.berth = berth;
        this.layerDigest = layerDigest;
        this.layerSize = layerSize;
        this.config = config;
        this.id = sha256(config);
    }

    /** Reads the package once, for the layer's hash and size; nothing is written. */
    public static AgentImage of(BerthPackage berth) {
        MessageDigest digest = sha256();
        CountingSink sink = new CountingSink();
        berth.writeRootfs(new DigestOutputStream(sink, digest));
        String layer = HexFormat.of().formatHex(digest.digest());
        return new AgentImage(berth, layer, sink.count, config(berth, layer));
    }

    /** {@code berth/agent:} and the first 12 hex digits of the image id. */
    public String name() {
        return REPOSITORY + ":" + id.substring(0, 12);
    }

    /** {@code sha256:...}, as the engine reports it. */
    public String id() {
        return "sha256:" + id;
    }

    /** Whether the engine has this image under its name. */
    public boolean presentOn(DockerClient client) {
        try {
            return id().equals(client.inspectImageCmd(name()).exec().getId());
        } catch (NotFoundException missing) {
            return false;
        }
    }

    /** Sends the image to the engine, which keeps it under its name. */
    public void load(DockerClient client) {
        AtomicReference<RuntimeException> writing = new AtomicReference<>();
        try (PipedInputStream in = new PipedInputStream(PIPE_BUFFER)) {
            PipedOutputStream out = new PipedOutputStream(in);
            Thread writer = Thread.ofVirtual().name("berth-agent-image").start(() -> {
                try (out) {
                    writeArchive(out);
                } catch (IOException e) {
                    writing.set(new UncheckedIOException("writing the agent image", e));
                } catch (RuntimeException e) {
                    writing.set(e);
                }
            });
            client.loadImageCmd(in).exec();
            writer.join();
        } catch (IOException e) {
            throw new UncheckedIOException("sending the agent image", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the agent image", e);
        }
        if (writing.get() != null) {
            throw writing.get();
        }
        if (!presentOn(client)) {
            throw new IllegalStateException("the engine did not keep " + name() + " after loading it");
        }
    }

    /**
     * Removes an agent image once no container uses it: berth made it for its agents alone. Any
     * other image, and one still in use, stays.
     */
    public static void removeIfUnused(DockerClient client, String imageId) {
        try {
            List<String> tags = Objects.requireNonNullElse(client.inspectImageCmd(imageId).exec().getRepoTags(),
                    List.of());
            if (!tags.isEmpty() && tags.stream().allMatch(t -> t.startsWith(REPOSITORY + ":"))) {
                client.removeImageCmd(imageId).exec();
            }
        } catch (NotFoundException | ConflictException goneOrInUse) {
            // Nothing to remove, or still needed.
        }
    }

    /** {@code docker save}'s layout: the manifest, the config, and the layer, written afresh. */
    private void writeArchive(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        ObjectMapper json = new ObjectMapper();
        ArrayNode manifest = json.createArrayNode();
        ObjectNode image = manifest.addObject();
        image.put("Config", id + ".json");
        image.putArray("RepoTags").add(name());
        image.putArray("Layers").add(layerDigest + "/layer.tar");
        file(tar, "manifest.json", json.writeValueAsBytes(manifest));
        file(tar, id + ".json", config);
        TarArchiveEntry layer = new TarArchiveEntry(layerDigest + "/layer.tar");
        layer.setSize(layerSize);
        tar.putArchiveEntry(layer);
        // The engine checks the layer against the config's diff id, so a package that changed
        // since its hash was taken is refused rather than loaded under the old name.
        berth.writeRootfs(tar);
        tar.closeArchiveEntry();
        tar.finish();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** The image config: fixed fields only (no creation time), so its hash depends on the content. */
    private static byte[] config(BerthPackage berth, String layer) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("architecture", architecture());
        root.put("os", "linux");
        root.put("created", "1970-01-01T00:00:00Z");
        ObjectNode config = root.putObject("config");
        config.putArray("Entrypoint").add("/bin/bash").add(BerthPackage.LAUNCHER);
        config.putArray("Cmd").add("--help");
        ENV.forEach(config.putArray("Env")::add);
        ObjectNode labels = config.putObject("Labels");
        labels.put(CONTENT_HASH, "sha256:" + layer);
        labels.put(VERSION, berth.version());
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add("sha256:" + layer);
        root.putArray("history").addObject().put("created_by", "berth agent --install (berth " + berth.version() + ")");
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine's name for this machine's architecture, which the package's runtime is built for. */
    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Counts what the first reading of the package would write, for the layer's size in the archive. */
    private static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
