package dev.berth.schema.expression;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "cron(0 8 * * MON-FRI)", "cron(*/15 0-6,22-23 ? JAN-MAR 0)", "cron(0 18 ? * MON-FRI *)",
            "cron(30 2 1 * ? 2027)", "cron(0 0 1 jan sun)",
            "at(2026-01-02T03:04:05)", "rate(5 minutes)", "rate(1 hour)", "rate(2 days)",
    })
    void accepts(String schedule) {
        assertDoesNotThrow(() -> ScheduleExpression.check(schedule));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron(0 25 * * *)            | 7  | \"25\" is not a valid hour; hour must be 0-23 or *",
            "cron(0 8 * * MON-FRY)       | 17 | \"FRY\" is not a valid day-of-week",
            "cron(0 8 * * 0 2027)        | 13 | \"0\" is not a valid day-of-week; day-of-week must be 1-7 or SUN-SAT",
            "cron(0 8 * *)               | 5  | cron needs 5 fields",
            "cron(*/0 8 * * *)           | 7  | step \"0\" in the minute field",
            "cron(0 ? * * *)             | 7  | \"?\" is only allowed",
            "cron(0 9-5 * * *)           | 7  | range \"9-5\" in the hour field runs backwards",
            "cron(0 8 * JAN,FOO *)       | 15 | \"FOO\" is not a valid month; month must be 1-12 or JAN-DEC",
            "at(2026-13-02T03:04:05)     | 3  | is not a date and time",
            "rate(5 minute)              | 7  | rate unit \"minute\" is not valid for 5; use minutes, hours or days",
            "rate(1 hours)               | 7  | use minute, hour or day",
            "rate(0 days)                | 5  | must be a positive whole number",
            "every(5 minutes)            | 0  | expected cron(",
    })
    void rejectsAtTheBadField(String schedule, int offset, String fragment) {
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class,
                () -> ScheduleExpression.check(schedule));
        assertTrue(e.reason().contains(fragment), e.reason());
        assertEquals(offset, e.offset(), e.reason());
    }
}
