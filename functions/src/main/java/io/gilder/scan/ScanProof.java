package io.gilder.scan;

import io.gilder.error.TargetNotScannedException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fail-closed rule of every scan: "no findings" means "clean" only when the scanner's own results prove
 * that it scanned the test instance to the end. The target is proven when the results name its private IP
 * (network scanners) or its instance id (Amazon Inspector) and report that host complete; anything else, from
 * results that name no host to a host the scanner gave up on, is {@link TargetNotScannedException}.
 */
public final class ScanProof {

    private ScanProof() {}

    /**
     * The proof that {@code coverage} covers {@code target}, as one line for the approver and the evidence.
     *
     * @throws TargetNotScannedException when it does not, saying what the scanner reported
     */
    public static String require(String scanner, String scanRef, ScanTarget target, ScanCoverage coverage) {
        List<ScanCoverage.Host> named = coverage.hosts().stream().filter(h -> names(target, h.address())).toList();
        String scan = scanner + " scan " + scanRef;
        String who = "the test instance " + target.instanceId() + " (" + target.privateIp() + ")";
        for (ScanCoverage.Host host : named) {
            if (host.complete()) {
                return scan + " scanned " + host.address() + " to the end (" + host.detail() + ")";
            }
        }
        if (!named.isEmpty()) {
            throw new TargetNotScannedException(scan + " did not finish scanning " + who + ": "
                    + named.stream().map(ScanCoverage.Host::detail).collect(Collectors.joining("; ")) + "; the build fails closed");
        }
        String others = coverage.hosts().isEmpty() ? "" : " (it names only " + coverage.hosts().stream()
                .map(ScanCoverage.Host::address).distinct().limit(5).collect(Collectors.joining(", ")) + ")";
        throw new TargetNotScannedException(scan + " does not prove it scanned " + who + ": " + coverage.reported() + others
                + "; no findings without that proof is not a clean result, so the build fails closed");
    }

    private static boolean names(ScanTarget target, String address) {
        return address != null && !address.isBlank()
                && (address.equals(target.privateIp()) || address.equals(target.instanceId()));
    }
}
