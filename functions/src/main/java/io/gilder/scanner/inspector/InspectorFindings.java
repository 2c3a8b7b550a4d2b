package io.gilder.scanner.inspector;

import io.gilder.error.ScannerResponseException;
import io.gilder.scan.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.inspector2.model.NetworkReachabilityDetails;
import software.amazon.awssdk.services.inspector2.model.PackageVulnerabilityDetails;
import software.amazon.awssdk.services.inspector2.model.Severity;

/**
 * Normalizes Amazon Inspector findings: the finding ARN as id, the title, Inspector severity
 * INFORMATIONAL/LOW/MEDIUM/HIGH/CRITICAL as 1-5, the CVE of a package vulnerability
 * ({@code packageVulnerabilityDetails.vulnerabilityId} when it is a CVE; advisories such as ALAS ids are
 * not), and the open port of a network reachability finding. UNTRIAGED (Inspector has not rated it yet)
 * counts as HIGH: a severity nobody knows must not pass a policy that allows medium findings.
 */
final class InspectorFindings {

    static final Map<Severity, Integer> SEVERITIES = Map.of(Severity.INFORMATIONAL, 1, Severity.LOW, 2, Severity.MEDIUM, 3,
            Severity.HIGH, 4, Severity.UNTRIAGED, 4, Severity.CRITICAL, 5);
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private InspectorFindings() {}

    static Finding finding(software.amazon.awssdk.services.inspector2.model.Finding finding) {
        String arn = finding.findingArn();
        if (arn == null || arn.isBlank()) {
            throw new ScannerResponseException(InspectorScanner.LIST_FINDINGS + " answered a finding without a findingArn", null);
        }
        Integer severity = SEVERITIES.get(finding.severity());
        if (severity == null) {
            throw new ScannerResponseException(InspectorScanner.LIST_FINDINGS + " gave finding " + arn + " the severity '"
                    + finding.severityAsString() + "' (expected INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL or UNTRIAGED)", null);
        }
        PackageVulnerabilityDetails vulnerability = finding.packageVulnerabilityDetails();
        String id = vulnerability == null ? null : vulnerability.vulnerabilityId();
        List<String> cves = id != null && CVE.matcher(id).matches() ? List.of(id) : List.of();
        NetworkReachabilityDetails network = finding.networkReachabilityDetails();
        Integer port = network == null || network.openPortRange() == null ? null : network.openPortRange().begin();
        String protocol = port == null || network.protocolAsString() == null ? null : network.protocolAsString().toLowerCase(Locale.ROOT);
        return new Finding(arn, severity, finding.title(), cves, port, protocol);
    }
}
