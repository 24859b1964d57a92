package dev.berth.applier.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Says why a TLS engine dropped a request. With TLS 1.3 an engine checks the client's certificate
 * after the client thinks the handshake is done, so a refused certificate reaches the client as a
 * broken pipe or a reset on its request, before it reads the engine's alert. On such a failure a
 * handshake of its own gets the alert, and the failure is thrown with it.
 */
record TlsRefusal(DockerHttpClient http, URI engine, SSLConfig ssl) implements DockerHttpClient {
    private static final Duration PROBE = Duration.ofSeconds(2);
    /** The alerts about certificates (RFC 8446, 6.2) by their number. */
    private static final Map<Integer, String> ALERTS = Map.of(42, "bad_certificate", 43, "unsupported_certificate",
            44, "certificate_revoked", 45, "certificate_expired", 46, "certificate_unknown", 48, "unknown_ca",
            116, "certificate_required");

    @Override
    public Response execute(Request request) {
        try {
            return http.execute(request);
        } catch (RuntimeException dropped) {
            if (!dropped(dropped)) {
                throw dropped;
            }
            Optional<SSLException> alert = alert();
            if (alert.isEmpty()) {
                throw dropped;
            }
            alert.get().addSuppressed(dropped);
            throw new UncheckedIOException(alert.get());
        }
    }

    private static boolean dropped(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof SSLException) {
                return false;
            }
            if (message.contains("Broken pipe") || message.contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The engine's alert to a handshake with the same certificates; empty when it sends none. The
     * engine refuses a certificate as it arrives and closes, so the handshake's next write fails
     * too; the alert is then read as the record it is. TLS 1.2, where that record is in clear.
     */
    private Optional<SSLException> alert() {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(engine.getHost(), engine.getPort()), (int) PROBE.toMillis());
            plain.setSoTimeout((int) PROBE.toMillis());
            SSLSocket tls = (SSLSocket) ssl.getSSLContext().getSocketFactory()
                    .createSocket(plain, engine.getHost(), engine.getPort(), false);
            tls.setEnabledProtocols(new String[] {"TLSv1.2"});
            try {
                tls.startHandshake();
                return Optional.empty();
            } catch (SSLException alert) {
                return Optional.of(alert);
            } catch (IOException dropped) {
                byte[] record = plain.getInputStream().readNBytes(7);
                boolean fatalAlert = record.length == 7 && record[0] == 21 && record[4] == 2 && record[5] == 2;
                return fatalAlert ? Optional.of(new SSLException("Received fatal alert: " + ALERTS.getOrDefault(
                        record[6] & 0xff, "alert " + (record[6] & 0xff)))) : Optional.empty();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException noDiagnosis) {
            // Nothing to add to the failure itself.
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
