package io.gilder.compliance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the compliance rule for one AWS Config event: judges the instance the event names (reading it
 * from EC2 when the event does not describe it), or, on the periodic trigger, every instance of the
 * account and region page by page, and reports the verdicts to Config in batches of at most
 * {@link #MAX_PER_CALL} with the event's result token. The active list is read once per run.
 */
public final class ComplianceEvaluator {

    /** Config takes at most 100 evaluations per {@code PutEvaluations} call. */
    public static final int MAX_PER_CALL = 100;

    private final InstanceInventory instances;
    private final GoldenImageSource golden;
    private final EvaluationSink sink;

    public ComplianceEvaluator(InstanceInventory instances, GoldenImageSource golden, EvaluationSink sink) {
        this.instances = instances;
        this.golden = golden;
        this.sink = sink;
    }

    public ComplianceReport evaluate(ComplianceTrigger trigger, String resultToken) {
        Batches out = new Batches(resultToken);
        GoldenImageSet list = null;
        if (trigger instanceof ComplianceTrigger.InstanceGone gone) {
            out.add(ComplianceRule.notApplicable(gone.instanceId(), gone.why(), gone.orderingTimestamp()));
        } else if (trigger instanceof ComplianceTrigger.InstanceChanged changed) {
            list = golden.read();
            out.add(ComplianceRule.evaluate(changed.instance(), list, changed.orderingTimestamp()));
        } else if (trigger instanceof ComplianceTrigger.InstanceToRead toRead) {
            Optional<ObservedInstance> instance = instances.find(toRead.instanceId());
            if (instance.isEmpty()) {
                out.add(ComplianceRule.notApplicable(toRead.instanceId(), "instance no longer exists", toRead.orderingTimestamp()));
            } else {
                list = golden.read();
                out.add(ComplianceRule.evaluate(instance.get(), list, toRead.orderingTimestamp()));
            }
        } else {
            GoldenImageSet periodic = golden.read();
            list = periodic;
            instances.forEachPage(page -> page.forEach(i -> out.add(ComplianceRule.evaluate(i, periodic, trigger.orderingTimestamp()))));
        }
        out.flush();
        return out.report(trigger.getClass().getSimpleName(), list == null ? null : list.problem());
    }

    /** Collects evaluations and delivers each full batch at once, so a periodic run holds at most one batch. */
    private final class Batches {
        private final String resultToken;
        private final List<InstanceEvaluation> pending = new ArrayList<>(MAX_PER_CALL);
        private final Map<ComplianceType, Integer> counts = new EnumMap<>(ComplianceType.class);
        private int calls;
        private int failed;

        Batches(String resultToken) {
            this.resultToken = resultToken;
        }

        void add(InstanceEvaluation evaluation) {
            counts.merge(evaluation.compliance(), 1, Integer::sum);
            pending.add(evaluation);
            if (pending.size() == MAX_PER_CALL) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            failed += sink.put(resultToken, List.copyOf(pending));
            calls++;
            pending.clear();
        }

        ComplianceReport report(String trigger, String listProblem) {
            int compliant = counts.getOrDefault(ComplianceType.COMPLIANT, 0);
            int nonCompliant = counts.getOrDefault(ComplianceType.NON_COMPLIANT, 0);
            int notApplicable = counts.getOrDefault(ComplianceType.NOT_APPLICABLE, 0);
            return new ComplianceReport(trigger, compliant + nonCompliant + notApplicable, compliant, nonCompliant, notApplicable,
                    calls, failed, listProblem);
        }
    }
}
