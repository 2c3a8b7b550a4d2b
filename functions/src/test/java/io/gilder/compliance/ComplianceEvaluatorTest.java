package io.gilder.compliance;

import io.gilder.registry.ActiveImageList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Each Config trigger through the evaluator, with in-memory instances, active list and Config. */
class ComplianceEvaluatorTest {

    static final Instant AT = Instant.parse("2025-05-01T10:00:00Z");
    static final String TOKEN = "result-token-1";
    static final String GOLDEN = "ami-0123456789abcdef0";
    static final String OTHER = "ami-0ffffffffffffffff";

    final Inventory instances = new Inventory();
    final Golden golden = new Golden(GoldenImageSet.of(ActiveImageList.parse(GOLDEN)));
    final Sink sink = new Sink();
    final ComplianceEvaluator evaluator = new ComplianceEvaluator(instances, golden, sink);

    @Test
    void aChangedInstanceIsJudgedFromItsConfigurationItemWithoutCallingEc2() {
        ComplianceReport report = evaluator.evaluate(new ComplianceTrigger.InstanceChanged(
                new ObservedInstance("i-1", OTHER, "running"), AT), TOKEN);

        assertThat(sink.batches).containsExactly(List.of(new InstanceEvaluation("i-1", ComplianceType.NON_COMPLIANT,
                "image " + OTHER + " is not an active golden AMI (1 active)", AT)));
        assertThat(sink.tokens).containsExactly(TOKEN);
        assertThat(instances.calls).isEmpty();
        assertThat(report).isEqualTo(new ComplianceReport("InstanceChanged", 1, 0, 1, 0, 1, 0, null));
    }

    @Test
    void anOversizedItemIsReadFromEc2() {
        instances.add(new ObservedInstance("i-2", GOLDEN, "running"));

        evaluator.evaluate(new ComplianceTrigger.InstanceToRead("i-2", AT), TOKEN);

        assertThat(instances.calls).containsExactly("find i-2");
        assertThat(sink.batches.get(0)).extracting(InstanceEvaluation::compliance).containsExactly(ComplianceType.COMPLIANT);
    }

    @Test
    void anOversizedItemOfAnInstanceEc2NoLongerKnowsIsNotApplicable() {
        ComplianceReport report = evaluator.evaluate(new ComplianceTrigger.InstanceToRead("i-gone", AT), TOKEN);

        assertThat(sink.batches).containsExactly(List.of(new InstanceEvaluation("i-gone", ComplianceType.NOT_APPLICABLE,
                "instance no longer exists", AT)));
        assertThat(golden.reads).as("nothing to compare").isZero();
        assertThat(report.notApplicable()).isEqualTo(1);
    }

    @Test
    void anInstanceThatLeftTheScopeOrWasDeletedIsNotApplicableWithoutReadingAnything() {
        evaluator.evaluate(new ComplianceTrigger.InstanceGone("i-3", "instance left the rule's scope", AT), TOKEN);

        assertThat(sink.batches).containsExactly(List.of(new InstanceEvaluation("i-3", ComplianceType.NOT_APPLICABLE,
                "instance left the rule's scope", AT)));
        assertThat(instances.calls).isEmpty();
        assertThat(golden.reads).isZero();
    }

    @Test
    void aPeriodicRunJudgesEveryInstanceAndReportsInBatchesOfAtMostOneHundredWithTheEventsToken() {
        IntStream.range(0, 250).forEach(i -> instances.add(new ObservedInstance("i-" + i, i % 2 == 0 ? GOLDEN : OTHER,
                i % 50 == 0 ? "terminated" : "running")));

        ComplianceReport report = evaluator.evaluate(new ComplianceTrigger.Periodic(AT), TOKEN);

        assertThat(sink.batches).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(sink.tokens).containsOnly(TOKEN).hasSize(3);
        assertThat(sink.batches.stream().flatMap(List::stream).map(InstanceEvaluation::instanceId))
                .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(i -> "i-" + i).toList());
        assertThat(sink.batches.stream().flatMap(List::stream)).allMatch(e -> e.orderingTimestamp().equals(AT))
                .filteredOn(e -> e.compliance() == ComplianceType.NON_COMPLIANT).allMatch(e -> e.annotation().contains("not an active golden AMI"));
        assertThat(report).isEqualTo(new ComplianceReport("Periodic", 250, 120, 125, 5, 3, 0, null));
        assertThat(golden.reads).as("one read per run").isEqualTo(1);
    }

    @Test
    void aPeriodicRunNeverHoldsMoreThanOnePageAndOneBatch() {
        IntStream.range(0, 2_345).forEach(i -> instances.add(new ObservedInstance("i-" + i, GOLDEN, "running")));
        instances.pageSize = 1000;

        evaluator.evaluate(new ComplianceTrigger.Periodic(AT), TOKEN);

        assertThat(instances.calls).containsExactly("page 1000", "page 1000", "page 345");
        assertThat(sink.batches).hasSize(24).allMatch(b -> b.size() <= ComplianceEvaluator.MAX_PER_CALL);
        assertThat(instances.undeliveredAtPageStart).as("judged but not yet delivered when the next page is read")
                .containsExactly(0, 0, 0);
    }

    @Test
    void aMissingActiveListMarksEveryInstanceNonCompliantWithTheReasonAndTheRunCompletes() {
        golden.answer = GoldenImageSet.missing();
        IntStream.range(0, 3).forEach(i -> instances.add(new ObservedInstance("i-" + i, GOLDEN, "running")));

        ComplianceReport report = evaluator.evaluate(new ComplianceTrigger.Periodic(AT), TOKEN);

        assertThat(sink.batches.get(0)).allMatch(e -> e.compliance() == ComplianceType.NON_COMPLIANT
                && e.annotation().equals("cannot verify image " + GOLDEN + ": /GoldenAMI/latest does not exist in this account and region"));
        assertThat(report.activeListNote()).isEqualTo("/GoldenAMI/latest does not exist in this account and region");
    }

    @Test
    void evaluationsConfigRefusesAreCounted() {
        sink.refuse = 2;
        IntStream.range(0, 150).forEach(i -> instances.add(new ObservedInstance("i-" + i, GOLDEN, "running")));

        assertThat(evaluator.evaluate(new ComplianceTrigger.Periodic(AT), TOKEN).failed()).isEqualTo(4);
    }

    /** Instances in insertion order, served in pages of {@link #pageSize}. */
    final class Inventory implements InstanceInventory {
        final Map<String, ObservedInstance> byId = new HashMap<>();
        final List<ObservedInstance> all = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final List<Integer> undeliveredAtPageStart = new ArrayList<>();
        int pageSize = 1000;

        void add(ObservedInstance instance) {
            byId.put(instance.instanceId(), instance);
            all.add(instance);
        }

        @Override
        public Optional<ObservedInstance> find(String instanceId) {
            calls.add("find " + instanceId);
            return Optional.ofNullable(byId.get(instanceId));
        }

        @Override
        public void forEachPage(Consumer<List<ObservedInstance>> page) {
            for (int from = 0; from < all.size(); from += pageSize) {
                List<ObservedInstance> slice = all.subList(from, Math.min(all.size(), from + pageSize));
                calls.add("page " + slice.size());
                undeliveredAtPageStart.add(from - sink.delivered());
                page.accept(slice);
            }
        }
    }

    static final class Golden implements GoldenImageSource {
        GoldenImageSet answer;
        int reads;

        Golden(GoldenImageSet answer) {
            this.answer = answer;
        }

        @Override
        public GoldenImageSet read() {
            reads++;
            return answer;
        }
    }

    static final class Sink implements EvaluationSink {
        final List<List<InstanceEvaluation>> batches = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        int refuse;

        int delivered() {
            return batches.stream().mapToInt(List::size).sum();
        }

        @Override
        public int put(String resultToken, List<InstanceEvaluation> evaluations) {
            tokens.add(resultToken);
            batches.add(evaluations);
            return refuse;
        }
    }
}
