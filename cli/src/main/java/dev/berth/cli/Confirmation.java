package dev.berth.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.function.Supplier;

/**
 * Asks before a command changes hosts, as Terraform does: only the exact answer "yes" goes on;
 * without a terminal to ask on, the command refuses unless {@code --yes} was given.
 */
final class Confirmation {
    private Confirmation() {
    }

    /**
     * @param question what will happen, ending with "?"; only worked out when there is someone to ask
     * @param action   the command's verb for the refusal ("destroy")
     */
    static void require(boolean yes, Supplier<String> question, String action, PrintWriter out) {
        if (yes) {
            return;
        }
        if (!Terminal.interactive()) {
            throw new UserError("refusing to " + action + " without confirmation: no terminal to ask on; "
                    + "pass --yes to " + action + " anyway");
        }
        out.print(question.get() + " Only 'yes' is accepted: ");
        out.flush();
        String answer = readLine();
        if (!"yes".equals(answer == null ? null : answer.strip())) {
            throw new UserError(action + " cancelled: the answer was not 'yes'");
        }
    }

    private static String readLine() {
        try {
            return new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the answer", e);
        }
    }
}
