package dev.berth.schema.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.schema.compose.ComposeImport.Note;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notes of one import, positioned in the compose file, and the conversions of compose's
 * durations and sizes, which note a value they cannot read or must bring into berth's range.
 */
final class ComposeNotes {
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(h|ms|us|ns|m|s)");
    private static final Pattern BYTES = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)b?", Pattern.CASE_INSENSITIVE);

    private final SourceMap positions;
    private final List<Note> notes = new ArrayList<>();

    ComposeNotes(SourceMap positions) {
        this.positions = positions;
    }

    List<Note> list() {
        return List.copyOf(notes);
    }

    void add(Note note) {
        notes.add(note);
    }

    /** A note at the key of {@code composePointer}, to stand above {@code stackPointer} in the stack ("" for its top). */
    void note(String composePointer, String stackPointer, String text) {
        notes.add(new Note(positions.key(composePointer), stackPointer, text));
    }

    /** A compose duration ({@code 1m30s}, {@code 500ms}) in whole seconds (rounded up), within berth's bounds. */
    Optional<Integer> seconds(JsonNode value, String pointer, String at, int min, int max) {
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        double total = 0;
        if (value.isNumber()) {
            total = value.asDouble();
        } else {
            Matcher m = DURATION.matcher(text);
            int end = 0;
            while (m.find() && m.start() == end) {
                double n = Double.parseDouble(m.group(1));
                total += switch (m.group(2)) {
                    case "h" -> n * 3600;
                    case "m" -> n * 60;
                    case "s" -> n;
                    case "ms" -> n / 1e3;
                    case "us" -> n / 1e6;
                    default -> n / 1e9;
                };
                end = m.end();
            }
            if (end != text.length() || text.isEmpty()) {
                note(pointer, at, "not imported " + leaf(pointer) + " " + Echo.quoted(text) + ": not a duration");
                return Optional.empty();
            }
        }
        long whole = (long) Math.ceil(total);
        int bounded = (int) Math.clamp(whole, min, max);
        if (bounded != whole) {
            note(pointer, at, "changed " + leaf(pointer) + " " + Echo.quoted(text) + " to " + bounded
                    + " s: berth takes " + min + "-" + max + " s, as ECS does");
        }
        return Optional.of(bounded);
    }

    /** A compose byte size ({@code 512m}, {@code 1g}, a number of bytes) in MiB, rounded up. */
    Optional<Integer> mebibytes(JsonNode value, String pointer, String at) {
        Matcher m = BYTES.matcher(value.asText().strip());
        if (!m.matches()) {
            note(pointer, at, "not imported " + leaf(pointer) + " " + Echo.quoted(value.asText()) + ": not a size");
            return Optional.empty();
        }
        double bytes = Double.parseDouble(m.group(1)) * switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024.0;
            case "m" -> 1048576.0;
            case "g" -> 1073741824.0;
            case "t" -> 1099511627776.0;
            default -> 1.0;
        };
        return Optional.of((int) Math.max(1, Math.ceil(bytes / 1048576)));
    }

    private static String leaf(String pointer) {
        String[] parts = pointer.split("/");
        return parts.length < 2 ? pointer : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
