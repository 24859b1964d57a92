package dev.berth.schema.expression;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The fields of a {@code cron(...)} schedule: five standard fields, or the six of AWS with a year.
 * Each field is a comma list of {@code *}, {@code ?} (day fields only), a value or a range
 * {@code a-b}, optionally stepped with {@code /n}; months and weekdays also take names
 * ({@code JAN}, {@code MON-FRI}).
 */
final class CronExpression {

    private record Field(String name, int min, int max, List<String> names, int firstNameValue,
                         boolean allowsQuestionMark) {
        String describeRange() {
            String range = name + " must be " + min + "-" + max;
            return names.isEmpty() ? range : range + " or " + names.getFirst() + "-" + names.getLast();
        }
    }

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private static final Field MINUTE = new Field("minute", 0, 59, List.of(), 0, false);
    private static final Field HOUR = new Field("hour", 0, 23, List.of(), 0, false);
    private static final Field DAY_OF_MONTH = new Field("day-of-month", 1, 31, List.of(), 0, true);
    private static final Field MONTH = new Field("month", 1, 12, MONTHS, 1, false);
    private static final Field YEAR = new Field("year", 1970, 2199, List.of(), 0, false);
    /** Standard cron counts Sunday as 0 (and 7); AWS six-field cron counts it as 1. */
    private static final List<Field> STANDARD = List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH,
            new Field("day-of-week", 0, 7, DAYS, 0, true));
    private static final List<Field> AWS = List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH,
            new Field("day-of-week", 1, 7, DAYS, 1, true), YEAR);

    private CronExpression() {
    }

    /** @param offset where {@code body} starts in the whole schedule string */
    static void check(String body, int offset) {
        String[] parts = body.trim().isEmpty() ? new String[0] : body.trim().split("\\s+");
        if (parts.length != STANDARD.size() && parts.length != AWS.size()) {
            throw new ExpressionSyntaxException("cron needs 5 fields (minute hour day-of-month month day-of-week) "
                    + "or 6 with a year, but has " + parts.length, offset);
        }
        List<Field> fields = parts.length == AWS.size() ? AWS : STANDARD;
        int searchFrom = 0;
        for (int i = 0; i < parts.length; i++) {
            int start = body.indexOf(parts[i], searchFrom);
            searchFrom = start + parts[i].length();
            checkField(fields.get(i), parts[i], offset + start);
        }
    }

    /**
     * The minutes a checked cron body fires at, as a test on a local date and time. Day-of-month and
     * day-of-week combine as in cron: when both are restricted, either matching is enough.
     */
    static Predicate<LocalDateTime> matcher(String body) {
        String[] parts = body.trim().split("\\s+");
        List<Field> fields = parts.length == AWS.size() ? AWS : STANDARD;
        List<BitSet> allowed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            allowed.add(values(fields.get(i), parts[i]));
        }
        boolean aws = fields == AWS;
        boolean anyDayOfMonth = parts[2].equals("*") || parts[2].equals("?");
        boolean anyDayOfWeek = parts[4].equals("*") || parts[4].equals("?");
        return time -> {
            if (!allowed.get(0).get(time.getMinute()) || !allowed.get(1).get(time.getHour())
                    || !allowed.get(3).get(time.getMonthValue()) || aws && !allowed.get(5).get(time.getYear())) {
                return false;
            }
            int weekday = time.getDayOfWeek().getValue() % 7 + (aws ? 1 : 0);
            boolean dayOfMonth = allowed.get(2).get(time.getDayOfMonth());
            boolean dayOfWeek = allowed.get(4).get(weekday) || !aws && weekday == 0 && allowed.get(4).get(7);
            if (anyDayOfMonth && anyDayOfWeek) {
                return true;
            }
            if (anyDayOfMonth) {
                return dayOfWeek;
            }
            return anyDayOfWeek ? dayOfMonth : dayOfMonth || dayOfWeek;
        };
    }

    private static BitSet values(Field field, String text) {
        BitSet values = new BitSet(field.max() + 1);
        for (String item : text.split(",")) {
            int slash = item.indexOf('/');
            String range = slash < 0 ? item : item.substring(0, slash);
            int step = slash < 0 ? 1 : Integer.parseInt(item.substring(slash + 1));
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = field.min();
                to = field.max();
            } else if (range.indexOf('-') > 0) {
                from = value(field, range.substring(0, range.indexOf('-')), 0);
                to = value(field, range.substring(range.indexOf('-') + 1), 0);
            } else {
                from = value(field, range, 0);
                to = slash < 0 ? from : field.max();
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static void checkField(Field field, String text, int offset) {
        int itemStart = 0;
        for (String item : text.split(",", -1)) {
            checkItem(field, item, offset + itemStart);
            itemStart += item.length() + 1;
        }
    }

    private static void checkItem(Field field, String item, int offset) {
        int slash = item.indexOf('/');
        String range = slash < 0 ? item : item.substring(0, slash);
        if (slash >= 0) {
            String step = item.substring(slash + 1);
            if (!step.matches("\\d{1,4}") || Integer.parseInt(step) == 0) {
                throw new ExpressionSyntaxException("step \"" + step + "\" in the " + field.name()
                        + " field must be a positive number", offset + slash + 1);
            }
        }
        if (range.equals("*")) {
            return;
        }
        if (range.equals("?")) {
            if (!field.allowsQuestionMark()) {
                throw new ExpressionSyntaxException("\"?\" is only allowed in the day-of-month and day-of-week fields",
                        offset);
            }
            return;
        }
        int dash = range.indexOf('-');
        if (dash < 0) {
            value(field, range, offset);
            return;
        }
        int from = value(field, range.substring(0, dash), offset);
        int to = value(field, range.substring(dash + 1), offset + dash + 1);
        if (from > to) {
            throw new ExpressionSyntaxException("range \"" + range + "\" in the " + field.name()
                    + " field runs backwards", offset);
        }
    }

    private static int value(Field field, String text, int offset) {
        int named = field.names().indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + field.firstNameValue();
        }
        if (text.matches("\\d{1,4}")) {
            int value = Integer.parseInt(text);
            if (value >= field.min() && value <= field.max()) {
                return value;
            }
        }
        throw new ExpressionSyntaxException("\"" + text + "\" is not a valid " + field.name() + "; "
                + field.describeRange() + (field.allowsQuestionMark() ? ", * or ?" : " or *"), offset);
    }
}
