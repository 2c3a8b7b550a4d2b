package io.gilder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandOutcomeTest {

    private static String numberedLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pending", "InProgress", "Delayed"})
    void unfinishedStatusesAreRunning(String status) {
        CommandOutcome outcome = new CommandOutcome(status, -1, "", "");
        assertThat(outcome.running()).isTrue();
        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.succeeded()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Failed", "Cancelled", "Cancelling", "TimedOut", "SomethingNew"})
    void everyOtherEndButSuccessIsAFailure(String status) {
        assertThat(new CommandOutcome(status, 1, "", "").failed()).isTrue();
        assertThat(new CommandOutcome("Success", 0, "", "").failed()).isFalse();
    }

    @Test
    void theTailKeepsTheLastLinesWithoutTrailingBlankLines() {
        assertThat(CommandOutcome.tail(numberedLines(30) + "\n\n", 20, 10_000))
                .startsWith("line 11\n").endsWith("line 30").hasLineCount(20);
        assertThat(CommandOutcome.tail("only\n", 20, 100)).isEqualTo("only");
        assertThat(CommandOutcome.tail("a\nb\nc", 3, 100)).isEqualTo("a\nb\nc");
        assertThat(CommandOutcome.tail("a\nb\nc", 2, 100)).isEqualTo("b\nc");
        assertThat(CommandOutcome.tail("", 20, 100)).isEmpty();
        assertThat(CommandOutcome.tail(null, 20, 100)).isEmpty();
    }

    @Test
    void theTailIsCutToItsCharacterBudgetKeepingTheEnd() {
        String tail = CommandOutcome.tail("x".repeat(5_000) + "END", 20, 750);

        assertThat(tail).hasSize(750).startsWith("…").endsWith("xEND");
    }

    @Test
    void theFailureMessageNamesStepInstanceStatusExitCodeAndBothTails() {
        CommandOutcome outcome = new CommandOutcome("Failed", 100, numberedLines(50), "E: Unable to locate package nginx\n");

        String message = outcome.describeFailure("package-update", "i-0abc");

        assertThat(message).startsWith("Build step package-update on i-0abc ended Failed with exit code 100\n")
                .contains("--- last lines of stderr ---\nE: Unable to locate package nginx")
                .contains("--- last lines of stdout ---\nline 31\n").endsWith("line 50")
                .doesNotContain("line 30\n");
        assertThat(message.length()).isLessThan(1_700);
    }

    @Test
    void aHugeOutputStillGivesABoundedMessage() {
        CommandOutcome outcome = new CommandOutcome("Failed", 1, "o".repeat(24_000), "e".repeat(8_000));

        assertThat(outcome.describeFailure("post-update", "i-1").length()).isLessThan(1_700);
    }

    @Test
    void aTimeOutWithoutExitCodeSaysSoAndOmitsEmptyStreams() {
        String message = new CommandOutcome("TimedOut", -1, "", "").describeFailure("pre-update", "i-1");

        assertThat(message).isEqualTo("Build step pre-update on i-1 ended TimedOut without an exit code");
    }
}
