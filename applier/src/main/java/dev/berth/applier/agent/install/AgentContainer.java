package dev.berth.applier.agent.install;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.berth.applier.docker.TarArchive;
import dev.berth.planner.observed.BerthLabels;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a stack's agent runs on one engine. A re-install compares it with what the engine says the
 * container runs, rather than with a hash in a label, since the environment may hold secrets.
 * <ul>
 * <li>The host's network, so {@code --listen} is on the host's loopback and tcp:// engines are
 * reached as from the host.</li>
 * <li>The host's process ids: the leader lease and the stack's lock record the holder's machine
 * and pid, and berth on that machine judges a holder gone when its pid is. In a pid namespace of
 * its own the agent would be pid 1, which berth on the host would take for init, not the agent:
 * a live agent's lock would look stale and be taken over. With the host's, the agent is one more
 * process there, and {@code --status} finds the leader by the container's pid.</li>
 * <li>{@code unless-stopped}: the engine starts it again after a crash or a reboot, and a
 * {@code docker stop} by hand holds until the next install.</li>
 * </ul>
 *
 * @param command the launcher's arguments: {@code agent}, its flags, the stack
 * @param env     variables berth reads (as {@code NAME=value}), as the installing shell set them
 * @param binds   what is mounted, as {@code docker run -v} says it: {@code PATH:PATH} or {@code PATH:PATH:ro}
 * @param certificates the client certificates of TLS engines by file name ({@code ca.pem},
 *                     {@code cert.pem}, {@code key.pem}), copied into the container at
 *                     {@link #CERTIFICATES} before it starts; empty for none. Copied rather than
 *                     mounted: on another host than this one a mount would find nothing.
 */
public record AgentContainer(String stack, String image, List<String> command, List<String> env,
                             List<String> binds, Map<String, byte[]> certificates) {
    /** Where the agent finds the certificates: its {@code DOCKER_CERT_PATH}. */
    static final String CERTIFICATES = "/etc/berth/docker-certs";
    /** A digest of the certificates, so a re-install sees them change without reading them back. */
    static final String CERTIFICATES_DIGEST = "berth.agent.certificates";

    public AgentContainer {
        command = List.copyOf(command);
        env = List.copyOf(env);
        binds = List.copyOf(binds);
        certificates = new TreeMap<>(certificates);
    }

    /** Empty without certificates. */
    String certificatesDigest() {
        if (certificates.isEmpty()) {
            return "";
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        certificates.forEach((name, content) -> {
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(content);
        });
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Beside its load balancers' {@code berth-<stack>-lb-<name>}. */
    public static String name(String stack) {
        return "berth-" + stack + "-agent";
    }

    /** Created, not started. */
    String create(DockerClient client, String cluster) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("host")
                .withPidMode("host")
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withBinds(binds.stream().map(Bind::parse).toList());
        String id = client.createContainerCmd(image)
                .withName(name(stack))
                .withCmd(command)
                .withEnv(env)
                .withLabels(Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, BerthLabels.KIND_AGENT,
                        BerthLabels.CLUSTER, cluster, CERTIFICATES_DIGEST, certificatesDigest()))
                .withHostConfig(host)
                .exec()
                .getId();
        if (!certificates.isEmpty()) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            certificates.forEach((name, content) -> files.put(CERTIFICATES.substring(1) + "/" + name, content));
            // Readable by the agent alone: key.pem is the client's private key.
            client.copyArchiveToContainerCmd(id).withRemotePath("/")
                    .withTarInputStream(new ByteArrayInputStream(TarArchive.of(files, 0600))).exec();
        }
        return id;
    }
}
