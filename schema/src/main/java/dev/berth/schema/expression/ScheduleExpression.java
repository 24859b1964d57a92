package dev.berth.schema.expression;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the schedule of a scheduled scaling action: {@code cron(...)} (see {@link CronExpression}),
 * {@code at(yyyy-mm-ddThh:mm:ss)} or {@code rate(N minutes|hours|days)}, as Application Auto
 * Scaling accepts them.
 */
public final class ScheduleExpression {
    private static final Pattern CALL = Pattern.compile("(cron|at|rate)\\((.*)\\)");
    private static final Pattern RATE = Pattern.compile("(\\S+)\\s+(\\S+)");

    private ScheduleExpression() {
    }

    /** @throws ExpressionSyntaxException with the offset of the offending part */
    public static void check(String schedule) {
        Matcher call = CALL.matcher(schedule);
        if (!call.matches()) {
            throw new ExpressionSyntaxException("expected cron(minute hour day-of-month month day-of-week [year]), "
                    + "at(yyyy-mm-ddThh:mm:ss) or rate(N minutes|hours|days)", 0);
        }
        String body = call.group(2);
        int bodyOffset = call.start(2);
        switch (call.group(1)) {
            case "cron" -> CronExpression.check(body, bodyOffset);
            case "at" -> checkAt(body, bodyOffset);
            default -> checkRate(body, bodyOffset);
        }
    }

    /**
     * When a valid schedule last fired, at or before {@code now} and not before {@code since} (when
     * the stack was applied: a rate counts from then, an earlier at() is over); empty when it has
     * not. Times are local to the action's time zone; cron is matched minute by minute, back to
     * {@code since} and at most a year.
     *
     * @throws ExpressionSyntaxException the schedule is not valid
     */
    public static Optional<LocalDateTime> lastFiring(String schedule, LocalDateTime since, LocalDateTime now) {
        check(schedule);
        Matcher call = CALL.matcher(schedule);
        call.matches();
        String body = call.group(2);
        if (now.isBefore(since)) {
            return Optional.empty();
        }
        switch (call.group(1)) {
            case "at" -> {
                LocalDateTime at = LocalDateTime.parse(body);
                return at.isAfter(now) || at.isBefore(since) ? Optional.empty() : Optional.of(at);
            }
            case "rate" -> {
                Matcher rate = RATE.matcher(body);
                rate.matches();
                Duration period = switch (rate.group(2).replaceAll("s$", "")) {
                    case "minute" -> Duration.ofMinutes(Integer.parseInt(rate.group(1)));
                    case "hour" -> Duration.ofHours(Integer.parseInt(rate.group(1)));
                    default -> Duration.ofDays(Integer.parseInt(rate.group(1)));
                };
                long periods = Duration.between(since, now).dividedBy(period);
                return periods == 0 ? Optional.empty() : Optional.of(since.plus(period.multipliedBy(periods)));
            }
            default -> {
                Predicate<LocalDateTime> fires = CronExpression.matcher(body);
                LocalDateTime limit = since.isAfter(now.minusYears(1)) ? since : now.minusYears(1);
                for (LocalDateTime t = now.truncatedTo(ChronoUnit.MINUTES); !t.isBefore(limit); t = t.minusMinutes(1)) {
                    if (fires.test(t)) {
                        return Optional.of(t);
                    }
                }
                return Optional.empty();
            }
        }
    }

    private static void checkAt(String body, int offset) {
        try {
            LocalDateTime.parse(body);
        } catch (DateTimeParseException e) {
            throw new ExpressionSyntaxException("\"" + body + "\" is not a date and time; write at(2026-01-02T03:04:05)",
                    offset + Math.min(e.getErrorIndex(), body.length()));
        }
    }

    /** AWS insists on the singular unit for a value of 1 and the plural otherwise. */
    private static void checkRate(String body, int offset) {
        Matcher rate = RATE.matcher(body);
        if (!rate.matches()) {
            throw new ExpressionSyntaxException("expected rate(N minutes|hours|days), for example rate(5 minutes)", offset);
        }
        int value = positiveInteger(rate.group(1));
        if (value <= 0) {
            throw new ExpressionSyntaxException("rate value \"" + rate.group(1) + "\" must be a positive whole number",
                    offset);
        }
        String unit = rate.group(2);
        String base = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        String expected = value == 1 ? base : base + "s";
        if (!(base.equals("minute") || base.equals("hour") || base.equals("day")) || !unit.equals(expected)) {
            String hint = value == 1 ? "minute, hour or day" : "minutes, hours or days";
            throw new ExpressionSyntaxException("rate unit \"" + unit + "\" is not valid for " + value + "; use " + hint,
                    offset + rate.start(2));
        }
    }

    private static int positiveInteger(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
