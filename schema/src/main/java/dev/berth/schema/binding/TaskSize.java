package dev.berth.schema.binding;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the string forms of task size that the ECS API accepts ({@code "1 vCPU"}, {@code "0.5 GB"})
 * into CPU units and MiB. ECS counts a GB as 1024 MiB, and so does berth.
 */
final class TaskSize {
    private static final Pattern AMOUNT = Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*([A-Za-z]*)\\s*");

    private TaskSize() {
    }

    static Optional<Integer> cpuUnits(String text) {
        return parse(text, unit -> switch (unit) {
            case "" -> BigDecimal.ONE;
            case "vcpu" -> BigDecimal.valueOf(1024);
            default -> null;
        });
    }

    static Optional<Integer> memoryMiB(String text) {
        return parse(text, unit -> switch (unit) {
            case "", "mb", "mib", "m" -> BigDecimal.ONE;
            case "gb", "gib", "g" -> BigDecimal.valueOf(1024);
            default -> null;
        });
    }

    private static Optional<Integer> parse(String text, java.util.function.Function<String, BigDecimal> unitFactor) {
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal factor = unitFactor.apply(m.group(2).toLowerCase(Locale.ROOT));
        if (factor == null) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(factor);
        try {
            return Optional.of(value.intValueExact());
        } catch (ArithmeticException notWhole) {
            return Optional.empty();
        }
    }
}
