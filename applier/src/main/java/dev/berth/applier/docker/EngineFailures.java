package dev.berth.applier.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import org.apache.hc.client5.http.ConnectTimeoutException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;

/** Turns the exceptions of an engine call into the short reason a user sees next to the host. */
public final class EngineFailures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineFailures() {
    }

    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String reason = reasonOf(cause);
            if (reason != null) {
                return reason;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /**
     * Whether the failure says the engine is gone (refused, no socket, no route, timed out) rather
     * than that it refused the request: the host is lost, retrying there is pointless.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SshTunnel.Failure || cause instanceof ConnectException
                    || cause instanceof ConnectTimeoutException
                    || cause instanceof NoRouteToHostException || cause instanceof NoSuchFileException
                    || cause instanceof SocketTimeoutException || cause instanceof SocketException) {
                return true;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (!(cause instanceof DockerException)
                    && (message.contains("No such file or directory") || message.contains("Connection refused")
                    || message.contains("Broken pipe") || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    /** The engine sends its errors as {@code {"message": "..."}}; the message is what the user needs. */
    private static String engineMessage(String body) {
        if (body.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(body);
                if (json.path("message").isTextual()) {
                    return json.get("message").asText().strip();
                }
            } catch (JsonProcessingException notJson) {
                return body;
            }
        }
        return body;
    }

    private static String reasonOf(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof SshTunnel.Failure) {
            return message;
        }
        if (cause instanceof ConnectTimeoutException) {
            return "timed out after " + DockerClients.CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof SocketTimeoutException) {
            return "no answer within " + DockerClients.RESPONSE_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (cause instanceof NoSuchFileException) {
            return "no socket at " + message;
        }
        if (cause instanceof SSLException) {
            // The JDK's words name its own classes; these say which file is at fault.
            if (message.contains("PKIX path building failed")) {
                return "TLS failure: the engine's certificate is not signed by the CA in ca.pem of DOCKER_CERT_PATH";
            }
            if (message.contains("bad_certificate") || message.contains("certificate_required")
                    || message.contains("unknown_ca")) {
                return "TLS failure: the engine refused berth's client certificate (cert.pem and key.pem of "
                        + "DOCKER_CERT_PATH): it is not signed by the CA the engine trusts (dockerd --tlscacert)";
            }
            return "TLS failure: " + message;
        }
        if (cause instanceof DockerException docker) {
            // docker-java prefixes the engine's message with "Status NNN:", which the reason already says.
            String detail = engineMessage(message.replaceFirst("^Status \\d+:\\s*", "").strip());
            if (detail.contains("HTTP request to an HTTPS server")) {
                return "the engine takes TLS only: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to its client "
                        + "certificates' directory, or give the host a Docker context";
            }
            return "engine answered HTTP " + docker.getHttpStatus() + (detail.isEmpty() ? "" : ": " + detail);
        }
        // Unix sockets report a missing or unaccepted socket as a plain IOException with errno text.
        if (message.contains("No such file or directory")) {
            return "no socket (no such file)";
        }
        if (message.contains("Connection refused")) {
            return "connection refused";
        }
        if (message.contains("Permission denied")) {
            return "permission denied on the socket";
        }
        return null;
    }
}
