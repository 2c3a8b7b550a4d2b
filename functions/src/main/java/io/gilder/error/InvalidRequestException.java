package io.gilder.error;

import java.util.List;

/**
 * The execution input is malformed: a field is missing, blank, of the wrong JSON type, badly
 * formatted or names something that does not exist. The message names every offending field.
 */
public final class InvalidRequestException extends TerminalException {

    private final List<String> fields;

    public InvalidRequestException(String subject, List<FieldProblem> problems) {
        super(subject + ": " + FieldProblem.describe(problems));
        this.fields = problems.stream().map(FieldProblem::field).toList();
    }

    /** The names of the offending fields, in the order they were found. */
    public List<String> fields() {
        return fields;
    }
}
