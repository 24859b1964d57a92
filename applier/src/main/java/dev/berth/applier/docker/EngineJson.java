package dev.berth.applier.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine calls berth makes in every run or many times over (an observation's lists, each task
 * container's create, start, inspect, stop and removal, the image check, the lock, the stack
 * network, the record and task volumes), with their JSON read and written as a tree. docker-java
 * binds each answer to its model classes through Jackson's data binding, whose first use in a run
 * builds a reader or writer per class: for a container inspect some 60 classes introspected, about
 * 60 ms of CPU before the first answer is read and a large share of a no-op apply; for a container
 * create some 150 properties, on the way to every apply's first task. Failures are docker-java's
 * own exceptions, with its messages, so callers and {@link EngineFailures} treat both paths alike.
 */
public final class EngineJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;

    private EngineJson(DockerHttpClient http) {
        this.http = http;
    }

    /** For a client of {@link DockerClients}, which keeps its transport where this finds it. */
    public static EngineJson of(DockerClient client) {
        DockerHttpClient http = client instanceof DockerClientImpl impl ? impl.getHttpClient() : null;
        if (http == null) {
            throw new IllegalArgumentException("not a client of DockerClients: " + client);
        }
        return new EngineJson(http);
    }

    /** {@code GET /info}. */
    public JsonNode info() {
        return call(DockerHttpClient.Request.Method.GET, "/info", null);
    }

    /** {@code GET /containers/json?all=1}: every container, running or not, that has all these labels. */
    public List<JsonNode> listContainers(List<String> labels) {
        return elements(call(DockerHttpClient.Request.Method.GET, "/containers/json?all=1&filters=" + labelFilter(labels),
                null));
    }

    /** {@code GET /networks}: the networks that have all these labels. */
    public List<JsonNode> listNetworks(List<String> labels) {
        return elements(call(DockerHttpClient.Request.Method.GET, "/networks?filters=" + labelFilter(labels), null));
    }

    /** {@code GET /volumes}: the volumes that have all these labels. */
    public List<Volume> listVolumes(List<String> labels) {
        List<Volume> volumes = new ArrayList<>();
        for (JsonNode volume : elements(call(DockerHttpClient.Request.Method.GET,
                "/volumes?filters=" + labelFilter(labels), null).path("Volumes"))) {
            volumes.add(Volume.of(volume));
        }
        return volumes;
    }

    /** A volume as the engine lists it, with what berth reads of it. */
    public record Volume(String name, Map<String, String> labels) {
        public Volume {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        private static Volume of(JsonNode volume) {
            return new Volume(volume.path("Name").asText(), stringMap(volume.path("Labels")));
        }
    }

    /** An object of strings ({@code Labels}) as a map; empty for null or missing. */
    public static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** {@code GET /images/{name}/json}; empty when the engine has no such image. */
    public Optional<JsonNode> inspectImage(String reference) {
        // A reference's slashes, colon and @ stay as they are: the engine takes the rest of the path as the name.
        String path = encode(reference).replace("%2F", "/").replace("%3A", ":").replace("%40", "@");
        return found(() -> call(DockerHttpClient.Request.Method.GET, "/images/" + path + "/json", null));
    }

    /** {@code GET /networks/{id}}; empty when there is no such network. */
    public Optional<JsonNode> inspectNetwork(String idOrName) {
        return found(() -> call(DockerHttpClient.Request.Method.GET, "/networks/" + encode(idOrName), null));
    }

    /**
     * {@code POST /networks/create}, refusing a second network of the name (the engine would otherwise
     * create one).
     *
     * @throws ConflictException the name is taken
     */
    public void createNetwork(String name, String driver, Map<String, String> labels) {
        ObjectNode config = object().put("Name", name).put("Driver", driver).put("CheckDuplicate", true);
        config.set("Labels", strings(labels));
        call(DockerHttpClient.Request.Method.POST, "/networks/create", config);
    }

    /** {@code GET /volumes/{name}}; empty when there is no such volume. */
    public Optional<Volume> inspectVolume(String name) {
        return found(() -> call(DockerHttpClient.Request.Method.GET, "/volumes/" + encode(name), null))
                .map(Volume::of);
    }

    /** {@code POST /volumes/create} of a local volume. */
    public void createVolume(String name, Map<String, String> labels) {
        createVolume(name, "local", Map.of(), labels);
    }

    /** {@code POST /volumes/create}; the engine answers an existing volume of the same driver as created. */
    public void createVolume(String name, String driver, Map<String, String> driverOptions, Map<String, String> labels) {
        ObjectNode config = object().put("Name", name).put("Driver", driver);
        config.set("DriverOpts", strings(driverOptions));
        config.set("Labels", strings(labels));
        call(DockerHttpClient.Request.Method.POST, "/volumes/create", config);
    }

    /** {@code DELETE /volumes/{name}}; a volume already gone is removed as asked. */
    public void removeVolume(String name) {
        found(() -> call(DockerHttpClient.Request.Method.DELETE, "/volumes/" + encode(name), null));
    }

    /**
     * {@code GET /events} of containers with these actions and labels, as they happen. Returns once
     * the engine has subscribed (it sends the headers then): no later event is missed. The stream
     * holds one of the client's connections until closed; the client's response timeout ends it
     * after that long without an event.
     *
     * @param actions as the API filters them: {@code health_status} stands for all three of its forms
     */
    public EventStream containerEvents(List<String> actions, List<String> labels) {
        ObjectNode filters = JSON.createObjectNode();
        putStrings(filters, "type", List.of("container"));
        putStrings(filters, "event", actions);
        putStrings(filters, "label", labels);
        DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/events?filters=" + encode(filters.toString()))
                .build());
        EventStream stream = null;
        try {
            int status = response.getStatusCode();
            if (status < 200 || status > 299) {
                throw failure(status, new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            // A reader, since a parser of the bytes would read the first event to detect their encoding.
            stream = new EventStream(response, JSON.createParser(
                    new InputStreamReader(response.getBody(), StandardCharsets.UTF_8)));
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException("GET /events", e);
        } finally {
            if (stream == null) {
                response.close();
            }
        }
    }

    /** The engine's events, one JSON object each, until closed (from any thread) or the engine ends them. */
    public static final class EventStream implements Closeable {
        private final DockerHttpClient.Response response;
        private final JsonParser parser;

        private EventStream(DockerHttpClient.Response response, JsonParser parser) {
            this.response = response;
            this.parser = parser;
        }

        /**
         * @return the next event; null when the stream ended
         * @throws UncheckedIOException it broke, was closed, or stayed silent past the response timeout
         */
        public JsonNode next() {
            try {
                return parser.nextToken() == null ? null : JSON.readTree(parser);
            } catch (IOException e) {
                throw new UncheckedIOException("GET /events", e);
            }
        }

        @Override
        public void close() {
            response.close();
        }
    }

    /** {@code GET /containers/{id}/json}; empty when there is no such container. */
    public Optional<JsonNode> inspectContainer(String idOrName) {
        return found(() -> call(DockerHttpClient.Request.Method.GET, "/containers/" + encode(idOrName) + "/json",
                null));
    }

    /**
     * {@code POST /containers/create}.
     *
     * @param config the container's configuration as the API takes it ({@code Image}, {@code Cmd}, ...)
     * @return the new container's id
     * @throws ConflictException the name is taken
     * @throws NotFoundException the image is missing
     */
    public String createContainer(String name, ObjectNode config) {
        return call(DockerHttpClient.Request.Method.POST, "/containers/create?name=" + encode(name), config)
                .path("Id").asText();
    }

    /** {@code POST /networks/{id}/connect} of a container, known on that network by these aliases too. */
    public void connectNetwork(String network, String containerId, List<String> aliases) {
        ObjectNode connect = object().put("Container", containerId);
        putStrings(connect.putObject("EndpointConfig"), "Aliases", aliases);
        call(DockerHttpClient.Request.Method.POST, "/networks/" + encode(network) + "/connect", connect);
    }

    /** {@code POST /containers/{id}/start}. */
    public void startContainer(String id) {
        call(DockerHttpClient.Request.Method.POST, "/containers/" + encode(id) + "/start", null);
    }

    /**
     * {@code POST /containers/{id}/kill} with this signal.
     *
     * @throws ConflictException the container is not running
     * @throws NotFoundException there is no such container
     */
    public void killContainer(String id, String signal) {
        call(DockerHttpClient.Request.Method.POST, "/containers/" + encode(id) + "/kill?signal=" + encode(signal), null);
    }

    /**
     * {@code DELETE /containers/{id}?force=1}, which kills it if it still runs; a container already gone
     * is removed as asked (every caller wants it gone, whoever removed it).
     *
     * @param volumes its anonymous volumes go with it
     */
    public void removeContainer(String idOrName, boolean volumes) {
        found(() -> call(DockerHttpClient.Request.Method.DELETE, "/containers/" + encode(idOrName) + "?force=1&v="
                + (volumes ? 1 : 0), null));
    }

    /** An object node to fill, for {@link #createContainer}. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A list as the API's array of strings ({@code Cmd}, {@code Env}), put into {@code node} as {@code field}. */
    public static void putStrings(ObjectNode node, String field, Collection<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    /** A map as the API's string map ({@code Labels}). */
    public static ObjectNode strings(Map<String, String> values) {
        ObjectNode node = JSON.createObjectNode();
        values.forEach(node::put);
        return node;
    }

    private JsonNode call(DockerHttpClient.Request.Method method, String path, JsonNode body) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(path);
        try {
            if (body != null) {
                request.putHeader("Content-Type", "application/json").bodyBytes(JSON.writeValueAsBytes(body));
            }
            try (DockerHttpClient.Response response = http.execute(request.build())) {
                byte[] answer = response.getBody().readAllBytes();
                int status = response.getStatusCode();
                if (status < 200 || status > 299) {
                    throw failure(status, new String(answer, StandardCharsets.UTF_8));
                }
                return answer.length == 0 ? JSON.missingNode() : JSON.readTree(answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    /** As docker-java answers a status outside 2xx, so that either path fails the same way. */
    private static DockerException failure(int status, String body) {
        return switch (status) {
            case 400 -> new BadRequestException(body);
            case 404 -> new NotFoundException(body);
            case 409 -> new ConflictException(body);
            case 500 -> new InternalServerErrorException(body);
            default -> new DockerException(body, status);
        };
    }

    private static Optional<JsonNode> found(Supplier<JsonNode> inspect) {
        try {
            return Optional.of(inspect.get());
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>(array.size());
        array.forEach(elements::add);
        return elements;
    }

    /** The API's {@code filters} parameter: {@code {"label": ["key=value", ...]}}, encoded. */
    private static String labelFilter(List<String> labels) {
        ObjectNode filters = JSON.createObjectNode();
        putStrings(filters, "label", labels);
        return encode(filters.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
