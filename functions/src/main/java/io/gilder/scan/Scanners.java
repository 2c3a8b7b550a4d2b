package io.gilder.scan;

import io.gilder.build.ScannerSetup;
import io.gilder.error.UnknownScannerException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The scanners Gilder has adapters for, looked up by the {@code scanner} field of a request. */
public final class Scanners implements ScannerSetup {

    /** What a stack without a network path from scanner to test instance lacks, by its parameters. */
    public static final String NO_NETWORK_PATH = "ScannerSourceCidr and ScannerSecurityGroupId are both empty, so the scanner "
            + "cannot reach the test instance and every scan would prove nothing (see docs/scanners.md, network layouts)";

    private final Map<String, Scanner> byName;
    private final boolean networkPath;

    /** Scanners of a stack with a network path from a scanner appliance to the test instances. */
    public Scanners(List<Scanner> scanners) {
        this(scanners, true);
    }

    /** @param networkPath whether the stack opens the test instances to a scanner ({@code ScannerSourceCidr} or {@code ScannerSecurityGroupId}) */
    public Scanners(List<Scanner> scanners, boolean networkPath) {
        this.networkPath = networkPath;
        this.byName = scanners.stream().collect(Collectors.toMap(Scanner::name, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("two scanners are named " + a.name());
        }, TreeMap::new));
    }

    /** @throws UnknownScannerException when no adapter has that name */
    public Scanner named(String name) {
        Scanner scanner = byName.get(name);
        if (scanner == null) {
            throw new UnknownScannerException("No scanner adapter named '" + name + "'; available: "
                    + String.join(", ", byName.keySet()) + " (a build with scanner 'none' skips the scan states)");
        }
        return scanner;
    }

    /** Every scanner adapter, by name. */
    public List<Scanner> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Removes the scans {@code owner} left at every scanner of this stack that keeps scans at its side: the network
     * scanners whose settings are complete (a Qualys-only stack never calls Tenable). Each scanner is asked even when
     * another failed; the first failure is then thrown, with the others suppressed.
     *
     * @return the references removed, by scanner name, for each scanner asked
     */
    public Map<String, List<String>> discard(ScanTitle owner, java.time.Instant since) {
        Map<String, List<String>> removed = new TreeMap<>();
        RuntimeException failed = null;
        for (Scanner scanner : byName.values()) {
            if (!scanner.scansOverTheNetwork() || scanner.missingSettings().isPresent()) {
                continue;
            }
            try {
                removed.put(scanner.name(), List.copyOf(scanner.discard(owner, since)));
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return removed;
    }

    /** What the stack lacks for {@code scanner}, its settings and, for a network scanner, a path to the test instance; {@code none} needs nothing. */
    @Override
    public Optional<String> missingSettings(String scanner) {
        if ("none".equals(scanner)) {
            return Optional.empty();
        }
        Scanner named = named(scanner);
        List<String> missing = new java.util.ArrayList<>();
        named.missingSettings().ifPresent(missing::add);
        if (named.scansOverTheNetwork() && !networkPath) {
            missing.add(NO_NETWORK_PATH);
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }
}
