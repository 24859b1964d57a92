package dev.berth.schema.validation;

import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourcePosition;

import java.util.Collection;

/** The one way every reference check reports a name that does not resolve. */
final class References {
    static final int MAX_LISTED = 10;

    private References() {
    }

    /**
     * Reports {@code owner references KIND "name", which is not declared[scope]; declared KINDs: a, b.
     * Did you mean "a"?} unless {@code name} is among {@code declared}.
     *
     * @param scope where the name was looked up, such as {@code  in task definition "web"}; empty
     *              for names declared at the top of the stack
     * @return whether the name resolves, so callers can skip checks that depend on the target
     */
    static boolean resolve(String owner, String kind, String name, Collection<String> declared, String scope,
                           SourcePosition at, Diagnostics out) {
        if (declared.contains(name)) {
            return true;
        }
        String known = declared.isEmpty()
                ? "no " + kind + "s are declared" + scope
                : "declared " + kind + "s" + scope + ": " + listed(declared);
        String hint = DidYouMean.suggest(name, declared, out).map(s -> ". Did you mean \"" + s + "\"?").orElse("");
        out.error(at, owner + " references " + kind + " \"" + name + "\", which is not declared" + scope + "; "
                + known + hint);
        return false;
    }

    /** The first few names; thousands of them in every message would only bury the one that matters. */
    static String listed(Collection<String> names) {
        String shown = names.stream().limit(MAX_LISTED).collect(java.util.stream.Collectors.joining(", "));
        return names.size() > MAX_LISTED ? shown + " and " + (names.size() - MAX_LISTED) + " more" : shown;
    }
}
