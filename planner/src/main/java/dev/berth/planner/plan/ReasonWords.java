package dev.berth.planner.plan;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The annotator: writes a reason's sentence from its code's template and its parameters, apart
 * from the code that decides, so what the planner decides and how it is said change independently.
 */
final class ReasonWords {
    private ReasonWords() {
    }

    static String write(ReasonCode code, Map<String, Object> params) {
        Matcher placeholder = ReasonCode.placeholder().matcher(code.template());
        StringBuilder words = new StringBuilder();
        while (placeholder.find()) {
            Object value = params.get(placeholder.group(1));
            String form = placeholder.group(2);
            placeholder.appendReplacement(words, Matcher.quoteReplacement(render(value, form)));
        }
        return placeholder.appendTail(words).toString();
    }

    private static String render(Object value, String form) {
        if (form != null && form.startsWith("#")) {
            int count = ((Number) value).intValue();
            return count + " " + form.substring(1) + (count == 1 ? "" : "s");
        }
        if (!(value instanceof List<?> list)) {
            return String.valueOf(value);
        }
        List<String> items = list.stream().map(String::valueOf).toList();
        if ("&".equals(form) && items.size() > 1) {
            return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
        }
        return String.join(";".equals(form) ? "; " : ", ", items);
    }
}
