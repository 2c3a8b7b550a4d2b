package io.gilder.rescan;

import io.gilder.build.ScanPolicy;
import io.gilder.error.FindingsNotFoundException;
import io.gilder.registry.EvidenceStore;
import io.gilder.rescan.RescanComparison.Baseline;
import io.gilder.scan.DecisionDocument;
import io.gilder.scan.EvidenceJson;
import io.gilder.scan.Finding;
import io.gilder.scan.FindingsDocument;
import io.gilder.scan.PolicyDecision;
import io.gilder.scan.ScanEvidence;
import io.gilder.scan.ScanSubject;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The scans of an image in the evidence store: its normalized findings, the baseline of its next rescan (the
 * {@code rescans/last/<image>.json} pointer, else the newest earlier scan under the image's prefix) and the delta.
 */
public final class ScanHistory {

    /** What a scan is compared with; {@code key} and {@code findings} are null/empty when there is nothing. */
    public record Previous(Baseline kind, String key, List<Finding> findings) {}

    private final EvidenceStore evidence;
    private final EvidenceIndex index;
    private final Clock clock;

    public ScanHistory(EvidenceStore evidence, EvidenceIndex index, Clock clock) {
        this.evidence = evidence;
        this.index = index;
        this.clock = clock;
    }

    /** @throws FindingsNotFoundException when the scan has no {@code findings.json} */
    public List<Finding> findings(ScanSubject subject, String scanner, String scanRef) {
        String key = ScanEvidence.key(subject, scanRef, ScanEvidence.FINDINGS);
        return read(key).orElseThrow(() -> new FindingsNotFoundException("No normalized findings of " + scanner + " scan " + scanRef
                + " at " + key));
    }

    /**
     * The baseline of the scan {@code scanRef}. A retry after the pointer already moved to this very scan gets the
     * baseline the first attempt used (the pointer remembers it), never the scan itself.
     */
    public Previous previous(ScanSubject subject, String scanRef) {
        String currentKey = ScanEvidence.key(subject, scanRef, ScanEvidence.FINDINGS);
        String pointerKey = ScanEvidence.lastRescan(subject.imageId());
        Optional<RescanPointer> pointer = evidence.get(pointerKey).map(body -> EvidenceJson.read(body, RescanPointer.class, pointerKey));
        Baseline kind;
        String key;
        if (pointer.isPresent() && currentKey.equals(pointer.get().key())) {
            kind = Baseline.of(pointer.get().baseline());
            key = pointer.get().baselineKey();
        } else if (pointer.isPresent()) {
            kind = Baseline.RESCAN;
            key = pointer.get().key();
        } else {
            key = RescanComparison.earlierScan(index.list(ScanEvidence.scansOf(subject)), currentKey).orElse(null);
            kind = key == null ? Baseline.NONE : Baseline.BUILD;
        }
        Optional<List<Finding>> findings = key == null ? Optional.empty() : readable(key);
        if ((kind == Baseline.RESCAN || kind == Baseline.BUILD) && findings.isEmpty()) {
            kind = Baseline.UNREADABLE;
        }
        return new Previous(kind, key, findings.orElse(List.of()));
    }

    /**
     * The scan policy the image was approved under: the one its build's {@code decision.json} records (a build may
     * ignore finding ids or allow a higher severity than the stack does). Empty when no decision is stored or it
     * cannot be read; the caller then applies the stack's policy.
     */
    public Optional<ScanPolicy> approvedPolicy(ScanSubject subject) {
        return index.list(ScanEvidence.scansOf(subject)).stream()
                .filter(e -> e.key().endsWith("/" + ScanEvidence.DECISION))
                .max(Comparator.comparing(EvidenceIndex.Entry::lastModified, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(EvidenceIndex.Entry::key))
                .flatMap(e -> decision(e.key()));
    }

    private Optional<ScanPolicy> decision(String key) {
        try {
            return evidence.get(key).map(body -> EvidenceJson.read(body, DecisionDocument.class, key))
                    .map(DecisionDocument::decision).map(PolicyDecision::policy);
        } catch (IllegalStateException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Stores {@code delta.json} beside the scan's findings, then moves the image's pointer to this scan.
     *
     * @return the reference of {@code delta.json}
     */
    public String record(ScanSubject subject, String scanner, String scanRef, String findingsRef, String run, Previous previous,
            RescanComparison comparison) {
        String delta = evidence.put(ScanEvidence.key(subject, scanRef, ScanEvidence.DELTA), EvidenceJson.CONTENT_TYPE,
                EvidenceJson.write(new DeltaDocument(scanner, scanRef, subject.imageId(), previous.kind().label(), previous.key(),
                        comparison.delta().added(), comparison.delta().resolved(), comparison.delta().changed())));
        evidence.put(ScanEvidence.lastRescan(subject.imageId()), EvidenceJson.CONTENT_TYPE, EvidenceJson.write(new RescanPointer(findingsRef,
                ScanEvidence.key(subject, scanRef, ScanEvidence.FINDINGS), clock.instant().toString(), run, scanRef, previous.key(),
                previous.kind().label())));
        return delta;
    }

    private Optional<List<Finding>> read(String key) {
        return evidence.get(key).map(body -> EvidenceJson.read(body, FindingsDocument.class, key).findings());
    }

    /** The findings under {@code key}, or empty when missing or not a findings document. */
    private Optional<List<Finding>> readable(String key) {
        try {
            return read(key);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }
}
