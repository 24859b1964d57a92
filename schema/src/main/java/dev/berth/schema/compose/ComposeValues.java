package dev.berth.schema.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Compose's spellings of values (commands, key-value lists, names), as the stack spells them. */
final class ComposeValues {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DNS_UNSAFE = Pattern.compile("[^a-z0-9-]");

    private ComposeValues() {
    }

    /** A command as compose reads it: a list as it is, a string split as a POSIX shell splits words. */
    static ArrayNode words(JsonNode value) {
        ArrayNode words = NODES.arrayNode();
        if (value.isArray()) {
            value.forEach(v -> words.add(v.asText()));
            return words;
        }
        String text = value.asText();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Lists of {@code KEY=VALUE} (or {@code KEY:VALUE}) and mappings alike, as a mapping of text. */
    static ObjectNode keyValues(JsonNode value, String separator) {
        ObjectNode map = NODES.objectNode();
        if (value.isArray()) {
            value.forEach(item -> {
                String text = item.asText();
                int at = text.indexOf(separator);
                map.put(at < 0 ? text : text.substring(0, at), at < 0 ? "" : text.substring(at + 1));
            });
        } else {
            fields(value).forEach(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return map;
    }
    /** A berth name (services, namespaces, the stack): lowercase, with '-' for what DNS does not allow. */
    static String dnsName(String name) {
        String dns = DNS_UNSAFE.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-+|-+$", "");
        dns = dns.length() > 63 ? dns.substring(0, 63).replaceAll("-+$", "") : dns;
        return dns.isEmpty() ? "x" : dns;
    }

    /** A container, family or volume name: letters, digits, '_' and '-'. */
    static String containerName(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return () -> node.isObject() ? node.fields() : new ArrayList<Map.Entry<String, JsonNode>>().iterator();
    }

    static ObjectNode linux(ObjectNode container) {
        return container.has("linuxParameters") ? (ObjectNode) container.get("linuxParameters")
                : container.putObject("linuxParameters");
    }

    static int indexOf(JsonNode list, String text) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).asText().equals(text)) {
                return i;
            }
        }
        return 0;
    }
}
