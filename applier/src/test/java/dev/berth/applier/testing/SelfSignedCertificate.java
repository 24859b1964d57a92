package dev.berth.applier.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * A certificate for localhost and 127.0.0.1 and its key, made by this machine's {@code openssl},
 * as an https listener's {@code certificate} and {@code privateKey} files.
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {
    public static SelfSignedCertificate in(Path dir) throws IOException, InterruptedException {
        Path certificate = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        List<String> command = List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", certificate.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionFailedError(String.join(" ", command) + " failed: " + out);
        }
        return new SelfSignedCertificate(certificate, key);
    }

    /** Certificate and key in one PEM, as HAProxy's {@code crt} reads them. */
    public String pem() throws IOException {
        return Files.readString(certificate) + Files.readString(privateKey);
    }
}
