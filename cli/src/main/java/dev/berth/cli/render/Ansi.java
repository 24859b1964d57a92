package dev.berth.cli.render;

import dev.berth.planner.plan.Action;

/** ANSI styling that disappears entirely when color is off, so plain output has no escape codes. */
final class Ansi {
    enum Style {
        GREEN("32"), YELLOW("33"), MAGENTA("35"), RED("31"), BOLD_RED("1;31"), BOLD("1");

        private final String code;

        Style(String code) {
            this.code = code;
        }
    }

    private final boolean enabled;

    Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    String paint(Style style, String text) {
        return enabled && !text.isEmpty() ? "\u001b[" + style.code + "m" + text + "\u001b[0m" : text;
    }

    /** Terraform's colors: green create, yellow update, magenta replace, red delete. */
    static Style of(Action action) {
        return switch (action) {
            case create -> Style.GREEN;
            case update, noop -> Style.YELLOW;
            case replace -> Style.MAGENTA;
            case delete -> Style.RED;
        };
    }
}
