package dev.berth.applier.task;

import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves secrets at launch: {@code env:NAME} from the environment berth runs in, {@code file:PATH}
 * from a file on the machine running berth (one trailing newline dropped, as editors add it); and
 * hands out the variables of the containers' environment files, which the caller read.
 */
public final class SecretResolver {
    private static final String ENV = "env:";
    private static final String FILE = "file:";

    private final Map<String, String> environment;
    private final EnvironmentFiles environmentFiles;

    /** @param environment usually {@code System.getenv()} */
    public SecretResolver(Map<String, String> environment) {
        this(environment, EnvironmentFiles.NONE);
    }

    public SecretResolver(Map<String, String> environment, EnvironmentFiles environmentFiles) {
        this.environment = Map.copyOf(environment);
        this.environmentFiles = environmentFiles;
    }

    /** What a container gets from its environment files; its environment and secrets win over these. */
    public Map<String, String> environmentFiles(String family, String container) {
        return environmentFiles.of(family, container);
    }

    /**
     * @return the value of each secret by its variable name, in declaration order
     * @throws SecretUnavailableException for the first secret that cannot be resolved
     */
    public Map<String, String> resolve(String container, List<Secret> secrets) {
        return resolve("secret ", container, secrets);
    }

    /**
     * @return the value of each of a container's {@code logConfiguration.secretOptions} by option name
     * @throws SecretUnavailableException for the first one that cannot be resolved
     */
    public Map<String, String> resolveLogOptions(String container, List<Secret> secretOptions) {
        return resolve("log option ", container, secretOptions);
    }

    private Map<String, String> resolve(String kind, String container, List<Secret> secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Secret secret : secrets) {
            values.put(secret.name(), value(kind + secret.name() + " of container " + container, secret.valueFrom()));
        }
        return values;
    }

    /**
     * The value behind {@code env:NAME} or {@code file:PATH}.
     *
     * @param what names the value in a failure ("certificate of listener 443 of load balancer public")
     * @throws SecretUnavailableException when it cannot be read; the message never holds the value
     */
    public String value(String what, String valueFrom) {
        String source = valueFrom == null ? "" : valueFrom;
        String subject = what + ": ";
        if (source.startsWith(ENV)) {
            String variable = source.substring(ENV.length());
            String value = environment.get(variable);
            if (value == null) {
                throw new SecretUnavailableException(subject + "environment variable " + variable + " is not set");
            }
            return value;
        }
        if (source.startsWith(FILE)) {
            Path path = Path.of(source.substring(FILE.length()));
            try {
                return withoutTrailingNewline(Files.readString(path));
            } catch (NoSuchFileException e) {
                throw new SecretUnavailableException(subject + "file " + path + " does not exist");
            } catch (IOException e) {
                // The exception's own message names only the path and the error, but stays out to be sure.
                throw new SecretUnavailableException(subject + "file " + path + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        throw new SecretUnavailableException(subject + "valueFrom must start with env: or file:, not \"" + source + "\"");
    }

    private static String withoutTrailingNewline(String content) {
        if (content.endsWith("\r\n")) {
            return content.substring(0, content.length() - 2);
        }
        return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    }
}
