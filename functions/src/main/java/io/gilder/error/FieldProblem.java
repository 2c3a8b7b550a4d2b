package io.gilder.error;

import java.util.List;
import java.util.stream.Collectors;

/** One thing wrong with one input field; {@code field} is the JSON name a user would edit. */
public record FieldProblem(String field, String problem) {

    static String describe(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + " " + p.problem()).collect(Collectors.joining("; "));
    }
}
