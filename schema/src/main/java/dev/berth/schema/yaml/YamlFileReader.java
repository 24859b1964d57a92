package dev.berth.schema.yaml;

import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourcePosition;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one YAML file into SnakeYAML's positioned node tree, turning every way a file can be
 * unreadable into a diagnostic with its line and column instead of an exception.
 */
public final class YamlFileReader {

    private YamlFileReader() {
    }

    /** The file's single document, or empty with the reason in {@code out}. */
    public static Optional<Node> read(Path file, Diagnostics out) {
        SourcePosition start = new SourcePosition(file, 1, 1);
        if (!Files.isRegularFile(file)) {
            // A FIFO would block the read forever and /dev/zero would fill the heap.
            out.error(start, Files.exists(file) ? "not a regular file; berth reads YAML from files only"
                    : Files.isSymbolicLink(file) ? "a symbolic link to nothing (" + target(file) + ")"
                    : "no such file");
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trust the size, which may change under us.
            bytes = in.readNBytes((int) YamlLimits.MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            out.error(start, "cannot read file: " + e.getMessage());
            return Optional.empty();
        }
        if (bytes.length > YamlLimits.MAX_FILE_BYTES) {
            out.error(start, String.format(Locale.ROOT, "file is over %d MiB; berth reads stack files of up to %d MiB",
                    YamlLimits.MAX_FILE_BYTES / 1048576, YamlLimits.MAX_FILE_BYTES / 1048576));
            return Optional.empty();
        }
        Optional<String> text = decodeUtf8(file, bytes, out);
        if (text.isEmpty() || !printable(file, text.get(), out)) {
            return Optional.empty();
        }
        return compose(file, text.get(), out);
    }

    static String target(Path link) {
        try {
            return "it points to " + Files.readSymbolicLink(link);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /**
     * YAML allows only printable characters; SnakeYAML rejects the others without saying where,
     * so berth finds the first one itself and reports it at its line and column.
     */
    private static boolean printable(Path file, String text, Diagnostics out) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                out.error(new SourcePosition(file, line, column), String.format(Locale.ROOT,
                        "the character U+%04X is not allowed in YAML; in a double-quoted string write it as \\u%04X",
                        c, c));
                return false;
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return true;
    }

    private static Optional<String> decodeUtf8(Path file, byte[] bytes, Diagnostics out) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer decoded = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, decoded, true);
        if (result.isError()) {
            decoded.flip();
            out.error(positionAfter(file, decoded), String.format(Locale.ROOT,
                    "invalid UTF-8 (byte 0x%02X at offset %d); stack files must be UTF-8 text",
                    bytes[in.position()] & 0xff, in.position()));
            return Optional.empty();
        }
        decoder.flush(decoded);
        decoded.flip();
        String text = decoded.toString();
        return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static SourcePosition positionAfter(Path file, CharSequence text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourcePosition(file, line, column);
    }

    private static Optional<Node> compose(Path file, String text, Diagnostics out) {
        String yaml = FlowTabs.untab(text);
        try {
            if (!withinNodeLimit(file, yaml, out)) {
                return Optional.empty();
            }
            Node root = new Yaml(options()).compose(new StringReader(yaml));
            if (root == null) {
                out.error(new SourcePosition(file, 1, 1), "file has no YAML document");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            out.error(position(file, e.getProblemMark()), describe(e));
        } catch (YAMLException e) {
            out.error(new SourcePosition(file, 1, 1), describe(e));
        }
        return Optional.empty();
    }

    /**
     * Counts the file's nodes from the parser's events, which are not kept, before composing a tree
     * that keeps every one: one 9 MiB line of {@code [1,1,1,...]} is millions of nodes.
     */
    private static boolean withinNodeLimit(Path file, String yaml, Diagnostics out) {
        int nodes = 0;
        for (Event event : new Yaml(options()).parse(new StringReader(yaml))) {
            if (event instanceof NodeEvent && ++nodes > YamlLimits.MAX_NODES) {
                out.error(position(file, event.getStartMark()), "more than " + YamlLimits.MAX_NODES
                        + " YAML nodes in one file; berth reads stack files of up to that many");
                return false;
            }
        }
        return true;
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(YamlLimits.MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(YamlLimits.MAX_NESTING_DEPTH);
        options.setCodePointLimit((int) YamlLimits.MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    static SourcePosition position(Path file, Mark mark) {
        return mark == null ? new SourcePosition(file, 1, 1)
                : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** SnakeYAML's words, made to read as one line; tabs and limits get plainer ones. */
    private static String describe(YAMLException e) {
        String raw = e instanceof MarkedYAMLException marked ? marked.getProblem() : e.getMessage();
        String message = raw == null ? "invalid YAML" : raw.strip();
        if (message.contains("\\t(TAB)") || message.contains("\t")) {
            return "tab character where YAML expects spaces; indent with spaces only";
        }
        if (message.startsWith("Number of aliases for non-scalar nodes exceeds")) {
            return "too many aliases (more than " + YamlLimits.MAX_COLLECTION_ALIASES
                    + " to mappings or sequences); berth refuses alias bombs";
        }
        if (message.startsWith("Nesting Depth exceeded")) {
            return "nesting deeper than " + YamlLimits.MAX_NESTING_DEPTH + " levels";
        }
        if (message.startsWith("The incoming YAML document exceeds the limit")) {
            return "file is larger than " + YamlLimits.MAX_FILE_BYTES / 1048576 + " MiB";
        }
        if (e instanceof MarkedYAMLException marked && marked.getContext() != null) {
            Mark contextMark = marked.getContextMark();
            String where = contextMark == null ? "" : " started at line " + (contextMark.getLine() + 1)
                    + ", column " + (contextMark.getColumn() + 1);
            return "invalid YAML: " + message + " (" + marked.getContext().strip() + where + ")";
        }
        return "invalid YAML: " + message;
    }
}
