package dev.berth.schema.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Types plain scalars by the YAML 1.2 core schema. SnakeYAML resolves by YAML 1.1, where
 * {@code country: no} is false and {@code 0755} is octal; 1.2 is what editors and users expect.
 */
public final class ScalarTypes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern NULL = Pattern.compile("null|Null|NULL|~|");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    /** Longest number read: a 64-bit integer has 20 digits, a double's text a few more. */
    static final int MAX_NUMBER_LENGTH = 40;
    private static final Pattern NUMBER_START = Pattern.compile("[-+]?\\.?[0-9].*");

    private ScalarTypes() {
    }

    /** A plain scalar that reads as a number too long to be one, whose parsing would cost quadratic time. */
    static boolean overlongNumber(String text) {
        return text.length() > MAX_NUMBER_LENGTH && NUMBER_START.matcher(text).matches()
                && (DECIMAL.matcher(text).matches() || OCTAL.matcher(text).matches() || HEX.matcher(text).matches()
                || FLOAT.matcher(text).matches());
    }

    /** Whether a plain scalar is null ({@code ~}, {@code null}, nothing), without typing the rest. */
    static boolean isNull(String text) {
        return NULL.matcher(text).matches();
    }

    public static JsonNode plain(String text) {
        if (isNull(text)) {
            return NODES.nullNode();
        }
        if (TRUE.matcher(text).matches()) {
            return NODES.booleanNode(true);
        }
        if (FALSE.matcher(text).matches()) {
            return NODES.booleanNode(false);
        }
        if (DECIMAL.matcher(text).matches()) {
            return integer(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
        }
        if (OCTAL.matcher(text).matches()) {
            return integer(new BigInteger(text.substring(2), 8));
        }
        if (HEX.matcher(text).matches()) {
            return integer(new BigInteger(text.substring(2), 16));
        }
        if (FLOAT.matcher(text).matches()) {
            return NODES.numberNode(Double.parseDouble(text));
        }
        return NODES.textNode(text);
    }

    private static JsonNode integer(BigInteger value) {
        return value.bitLength() < 32 ? NODES.numberNode(value.intValue())
                : value.bitLength() < 64 ? NODES.numberNode(value.longValue())
                : NODES.numberNode(value);
    }

    /** The text a scalar value stands for when a string is wanted (variable values, env values). */
    static String text(JsonNode node) {
        return node.isNull() ? "" : node.asText();
    }
}
