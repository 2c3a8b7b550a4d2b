package io.gilder.registry;

import io.gilder.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of a JSON object (as decoded into {@code Map}/{@code List}/{@code String}/
 * {@code Number}/{@code Boolean}) and collects every problem instead of stopping at the first, so a
 * user fixes a bad input in one round.
 */
public final class Fields {

    private final Map<?, ?> json;
    private final String prefix;
    private final List<FieldProblem> problems;

    private Fields(Map<?, ?> json) {
        this(json, "", new ArrayList<>());
    }

    private Fields(Map<?, ?> json, String prefix, List<FieldProblem> problems) {
        this.json = json;
        this.prefix = prefix;
        this.problems = problems;
    }

    public boolean has(String field) {
        return json.get(field) != null;
    }

    /** A nested object whose problems are reported as {@code field.child} into this reader's list. */
    public Optional<Fields> optionalObject(String field) {
        Object value = json.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(field, "must be a JSON object, not " + jsonType(value));
            return Optional.empty();
        }
        return Optional.of(new Fields(map, prefix + field + ".", problems));
    }

    /**
     * The objects of an optional JSON array; each reports its problems as {@code field[i].child}. A
     * missing field gives an empty list; an item that is not an object is reported and skipped.
     */
    public List<Fields> optionalObjectList(String field) {
        Object value = json.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problem(field, "must be a JSON array of objects, not " + jsonType(value));
            return List.of();
        }
        List<Fields> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> map) {
                items.add(new Fields(map, prefix + field + "[" + i + "].", problems));
            } else {
                problem(field + "[" + i + "]", "must be a JSON object, not " + jsonType(list.get(i)));
            }
        }
        return List.copyOf(items);
    }

    /** The field's decoded JSON value as it is (null when missing), for shapes the typed readers do not cover. */
    public Object raw(String field) {
        return json.get(field);
    }

    /** The field names of this object, in their JSON order. */
    public List<String> names() {
        return json.keySet().stream().map(String::valueOf).toList();
    }

    /** A reader of {@code value} (a decoded JSON object) whose problems are reported as {@code field.child}. */
    public Fields nested(String field, Map<?, ?> value) {
        return new Fields(value, prefix + field + ".", problems);
    }

    /** An optional ISO-8601 duration such as {@code PT8H} or {@code P3D}, within [min, max]. */
    public Optional<java.time.Duration> optionalDuration(String field, java.time.Duration min, java.time.Duration max) {
        return optionalString(field, null, null).flatMap(text -> {
            java.time.Duration d;
            try {
                d = java.time.Duration.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                problem(field, "must be an ISO-8601 duration such as PT8H or P3D (got \"" + abbreviate(text) + "\")");
                return Optional.empty();
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(field, "must be between " + min + " and " + max + " (got " + text + ")");
                return Optional.empty();
            }
            return Optional.of(d);
        });
    }

    /** An optional whole number within [min, max]. */
    public Optional<Integer> optionalInt(String field, int min, int max) {
        Object value = json.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            problem(field, "must be a whole JSON number, not " + jsonType(value) + (value instanceof Number ? " with a fraction" : ""));
            return Optional.empty();
        }
        long n = number.longValue();
        if (n < min || n > max) {
            problem(field, "must be between " + min + " and " + max + " (got " + n + ")");
            return Optional.empty();
        }
        return Optional.of((int) n);
    }

    /** An optional JSON boolean; anything else is reported. */
    public Optional<Boolean> optionalBoolean(String field) {
        Object value = json.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean flag)) {
            problem(field, "must be a JSON boolean (true or false), not " + jsonType(value));
            return Optional.empty();
        }
        return Optional.of(flag);
    }

    /** Starts reading {@code raw}; a non-object is reported as a problem of the field {@code subject}. */
    public static Fields of(Object raw, String subject) {
        if (raw instanceof Map<?, ?> map) {
            return new Fields(map);
        }
        Fields fields = new Fields(Map.of());
        fields.problem(subject, "must be a JSON object, not " + jsonType(raw));
        return fields;
    }

    public void rejectUnknown(Set<String> known) {
        for (Object key : new TreeSet<>(json.keySet().stream().map(String::valueOf).toList())) {
            if (!known.contains(key)) {
                problem((String) key, "is not a known field (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    public String requiredString(String field, Pattern format, String formatHint) {
        Object value = json.get(field);
        if (value == null) {
            problem(field, "is required");
            return null;
        }
        return checkString(field, value, format, formatHint);
    }

    public Optional<String> optionalString(String field, Pattern format, String formatHint) {
        Object value = json.get(field);
        return value == null ? Optional.empty() : Optional.ofNullable(checkString(field, value, format, formatHint));
    }

    public List<String> optionalStringList(String field, Pattern itemFormat, String itemHint) {
        Object value = json.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problem(field, "must be a JSON array of strings, not " + jsonType(value));
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String item = checkString(field + "[" + i + "]", list.get(i), itemFormat, itemHint);
            if (item != null) {
                items.add(item);
            }
        }
        return List.copyOf(items);
    }

    /** The full name of {@code field} of this object, as problems name it. */
    public String path(String field) {
        return prefix + field;
    }

    public void problem(String field, String problem) {
        problems.add(new FieldProblem(prefix + field, problem));
    }

    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    private String checkString(String field, Object value, Pattern format, String formatHint) {
        if (!(value instanceof String text)) {
            problem(field, "must be a JSON string, not " + jsonType(value));
            return null;
        }
        if (text.isBlank()) {
            problem(field, "must not be blank");
            return null;
        }
        if (format != null && !format.matcher(text).matches()) {
            problem(field, "must be " + formatHint + " (got \"" + abbreviate(text) + "\")");
            return null;
        }
        return text;
    }

    public static String jsonType(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Map<?, ?>) {
            return "an object";
        } else if (value instanceof List<?>) {
            return "an array";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a string";
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
