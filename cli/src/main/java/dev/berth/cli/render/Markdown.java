package dev.berth.cli.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bits of GitHub-flavored markdown the comment renderers share. */
final class Markdown {
    private static final Pattern BACKTICK_RUNS = Pattern.compile("`+");

    private Markdown() {
    }

    /**
     * A hidden first line naming the report, the stack and where it was read from, so a CI job can
     * find and update its previous comment instead of adding one per push:
     * {@code <!-- berth-plan:shop stacks/shop --var-file stacks/shop/vars/staging.yaml -->}. The
     * source, not only the stack name, tells apart two environments of one stack and two copies of
     * a stack that share a name.
     */
    static String marker(String report, String stack, String source) {
        return "<!-- berth-" + report + ":" + stack + " " + inline(source) + " -->";
    }

    /** Text safe inside HTML and table cells: no tags, no column breaks, no line breaks. */
    static String inline(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
                .replace("\r", "").replace("\n", " ");
    }

    /** A fenced block whose fence is longer than any backtick run inside, so no value can close it early. */
    static String fenced(String language, String content) {
        int longest = 2;
        Matcher runs = BACKTICK_RUNS.matcher(content);
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        String fence = "`".repeat(longest + 1);
        return fence + language + "\n" + content + fence + "\n";
    }
}
