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

    private final Map<String, Scanner> byName;

    public Scanners(List<Scanner> scanners) {
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

    /** What the stack lacks for {@code scanner}; {@code none} needs nothing. */
    @Override
    public Optional<String> missingSettings(String scanner) {
        return "none".equals(scanner) ? Optional.empty() : named(scanner).missingSettings();
    }
}
