package dev.berth.cli;

import picocli.CommandLine.Help.Ansi;

/**
 * Whether output may use colors: only on an interactive terminal, and never when {@code NO_COLOR}
 * is set (https://no-color.org) or {@code --no-color} is given.
 */
public final class Terminal {
    private Terminal() {
    }

    /**
     * Since JDK 22 {@code System.console()} exists even when output is redirected, and only
     * {@code Console.isTerminal()} (absent from the Java 21 API berth compiles against) tells.
     */
    public static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException java21) {
            return true;
        }
    }

    public static boolean colors(boolean noColorFlag) {
        String noColor = System.getenv("NO_COLOR");
        return !noColorFlag && (noColor == null || noColor.isEmpty()) && interactive();
    }

    static Ansi ansi() {
        return colors(false) ? Ansi.ON : Ansi.OFF;
    }
}
