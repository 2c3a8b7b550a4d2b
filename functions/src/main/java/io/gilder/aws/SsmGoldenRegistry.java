package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.error.RegistryBusyException;
import io.gilder.error.VersionAlreadyRegisteredException;
import io.gilder.registry.ActiveImageList;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.GoldenRegistry;
import io.gilder.registry.GoldenRegistry.PublishCheck;
import io.gilder.registry.RegistryLease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;

/**
 * {@link GoldenRegistry} in Parameter Store, using only parameters under {@code /GoldenAMI/} (so the
 * same code works in child accounts through the cross-account role).
 *
 * <p>Parameter Store has no compare-and-set, so changes to the active list run under a lease lock
 * kept in Parameter Store itself: creating {@code /GoldenAMI/.lock/latest} without overwrite
 * succeeds for exactly one writer; the value names the holder and its lease expiry; the holder
 * deletes it when done. A lock past its lease is stale (its holder died): the one contender that
 * creates the break marker {@code /GoldenAMI/.lock/latest.broken/<stale-owner>} first deletes it;
 * markers stay, so no slow contender can break the same lock twice and delete its successor. Writes are
 * fenced ({@link #fence}): a holder writes only while the lock still holds its own lease with time left, and
 * its write call cannot outlast that time, so a broken lease can never write late; the lease that wrote
 * is recorded with each version, and a version number that shows another write in between is repaired.
 * A change that would make the list longer than {@link ActiveImageList#MAX_CHARS} is refused, never truncated.
 *
 * <p>Every change releases its lock in a {@code finally} block, whatever failed before, so a failed
 * registration does not leave the list claimed for the cleanup that follows it. Only when releasing
 * itself fails (reading or deleting the lock) does the lock stay; it then blocks other writers until its
 * lease runs out, after which the next writer breaks it (leaving a break marker).
 */
@ApplicationScoped
public class SsmGoldenRegistry implements GoldenRegistry {

    static final String LOCK = GoldenParameters.ROOT + "/.lock/latest";
    static final String BREAK_MARKERS = LOCK + ".broken/";
    private static final String IMAGE_DATA_TYPE = "aws:ec2:image";
    /** Time a holder must have left on its lease to start the write, and the most the write call may take. */
    static final Duration WRITE_MARGIN = Duration.ofSeconds(5);
    /** How far the clocks of two writers may disagree (Lambda hosts keep NTP time, far closer than this). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

    private final SsmClient ssm;
    private final Clock clock;
    private final Duration leaseLength;

    @Inject
    SsmGoldenRegistry(SsmClient ssm, GilderConfig config) {
        this(ssm, Clock.systemUTC(), config.registry().lease());
    }

    /** @param leaseLength how long a claim on the active list lasts; far longer than one update (a few calls) */
    public SsmGoldenRegistry(SsmClient ssm, Clock clock, Duration leaseLength) {
        this.ssm = ssm;
        this.clock = clock;
        this.leaseLength = leaseLength;
    }

    @Override
    public void registerImage(String parameterName, String imageId) {
        if (create(parameterName, imageId, IMAGE_DATA_TYPE)) {
            return;
        }
        String existing = read(parameterName).orElseThrow(() -> new RegistryBusyException(
                parameterName + " was deleted while being registered; retry"));
        if (!existing.equals(imageId)) {
            throw new VersionAlreadyRegisteredException(parameterName + " already holds " + existing
                    + "; refusing to replace it with " + imageId);
        }
    }

    @Override
    public boolean unregisterImage(String parameterName, String imageId) {
        if (read(parameterName).filter(imageId::equals).isEmpty()) {
            return false;
        }
        delete(parameterName);
        return true;
    }

    @Override
    public List<String> activeImages() {
        return ActiveImageList.parse(read(GoldenParameters.LATEST).orElse(null)).ids();
    }

    @Override
    public List<String> addActive(String imageId, String holder) {
        return addActive(imageId, holder, PublishCheck.NONE);
    }

    @Override
    public List<String> addActive(String imageId, String holder, PublishCheck check) {
        return updateActive(holder, check, list -> list.with(imageId));
    }

    @Override
    public List<String> removeActive(String imageId, String holder) {
        return updateActive(holder, PublishCheck.NONE, list -> list.without(imageId));
    }

    @Override
    public boolean releaseLockOf(String holder) {
        Optional<String> held = read(LOCK);
        if (held.isEmpty() || !RegistryLease.parse(held.get()).heldBy(holder)) {
            return false;
        }
        delete(LOCK);
        return true;
    }

    private List<String> updateActive(String holder, PublishCheck check, UnaryOperator<ActiveImageList> change) {
        RegistryLease lease = acquire(holder);
        try {
            sweepBreakMarkers();
            Optional<Parameter> stored = readParameter(GoldenParameters.LATEST);
            ActiveImageList current = ActiveImageList.parse(stored.map(Parameter::value).orElse(null));
            check.verify();
            ActiveImageList updated = change.apply(current);
            if (updated.equals(current)) {
                return updated.ids();
            }
            if (updated.isEmpty()) {
                fence(lease);
                delete(GoldenParameters.LATEST);
                return updated.ids();
            }
            long readVersion = stored.map(Parameter::version).orElse(0L);
            long written = fencedWrite(lease, updated.requireFits(ActiveImageList.MAX_CHARS));
            if (written == readVersion + 1) {
                return updated.ids();
            }
            return repair(lease, change, written);
        } finally {
            release(lease);
        }
    }

    /**
     * Someone wrote the list between this writer's read and its write without holding the lease (by hand, an older
     * tool, or a write that landed after its writer's lease): this writer's value replaced theirs. Redoes this change
     * over the value just before it, so neither change is lost; a second interleaving gives up (RegistryBusy: retry).
     */
    private List<String> repair(RegistryLease lease, UnaryOperator<ActiveImageList> change, long written) {
        Optional<Parameter> theirs = written > 1 ? readParameter(GoldenParameters.LATEST + ":" + (written - 1)) : Optional.empty();
        if (theirs.isEmpty()) {
            throw new RegistryBusyException(GoldenParameters.LATEST + " was written by someone else meanwhile (now at version "
                    + written + ") and the value before this write cannot be read; check it by hand (GetParameterHistory)");
        }
        ActiveImageList repaired = change.apply(ActiveImageList.parse(theirs.get().value())).requireFits(ActiveImageList.MAX_CHARS);
        long again = fencedWrite(lease, repaired);
        if (again != written + 1) {
            throw new RegistryBusyException(GoldenParameters.LATEST + " keeps being written by someone else (version " + again
                    + "); retry later");
        }
        return repaired.ids();
    }

    /**
     * The fence before every write of the list: the lock must still hold this very lease (not broken, not replaced)
     * with at least {@link #WRITE_MARGIN} plus {@link #CLOCK_SKEW} left. Parameter Store has no compare-and-set, so the
     * check and the write are two calls; what makes them safe is time: a lease is broken only after it expired, and the
     * write that follows is bounded by an API call timeout of {@link #WRITE_MARGIN}, so it ends (lands or fails) before
     * anyone may break this lease, as long as clocks agree within {@link #CLOCK_SKEW}. A request SSM received before the
     * timeout but applies after it is the one window left; the version check after the write then detects the
     * interleaving and {@link #repair}s it.
     */
    private void fence(RegistryLease lease) {
        Optional<String> held = read(LOCK);
        if (held.isEmpty() || !held.get().equals(lease.format())) {
            throw new RegistryBusyException("The lease " + lease.owner() + " on " + GoldenParameters.LATEST + " was broken before the "
                    + "write (the lock now reads " + held.map(v -> "'" + v + "'").orElse("nothing") + "); nothing was changed");
        }
        if (lease.expiredAt(clock.instant().plus(WRITE_MARGIN).plus(CLOCK_SKEW))) {
            throw new RegistryBusyException("The lease on " + GoldenParameters.LATEST + " ran out before the write; nothing was changed");
        }
    }

    /**
     * Writes the list after {@link #fence}, recording the lease (the fencing token) in the parameter's description,
     * where {@code GetParameterHistory} shows which lease wrote each version.
     *
     * @return the version written
     */
    private long fencedWrite(RegistryLease lease, ActiveImageList list) {
        fence(lease);
        return AwsCall.run("ssm:PutParameter", () -> ssm.putParameter(r -> r.name(GoldenParameters.LATEST)
                .value(list.format()).type(ParameterType.STRING_LIST).overwrite(true)
                .description("Active golden AMIs; written under registry lease " + lease.owner())
                .overrideConfiguration(o -> o.apiCallTimeout(WRITE_MARGIN)))).version();
    }

    private RegistryLease acquire(String holder) {
        RegistryLease mine = RegistryLease.claim(RegistryLease.holderKey(holder) + "-" + UUID.randomUUID(), clock.instant(),
                leaseLength);
        if (create(LOCK, mine.format(), "text")) {
            return mine;
        }
        Optional<String> held = read(LOCK);
        if (held.isPresent() && held.get().equals(mine.format())) {
            // Our own claim landed but its answer was lost (the SDK's retry then met it): the owner is unique, so it is ours.
            return mine;
        }
        if (held.isPresent()) {
            RegistryLease current = RegistryLease.parse(held.get());
            if (!current.expiredAt(clock.instant())) {
                throw new RegistryBusyException(GoldenParameters.LATEST + " is being changed by " + current.owner()
                        + " (lease until " + current.expiresAt() + "); retry later");
            }
            breakStale(current);
        }
        mine = RegistryLease.claim(mine.owner(), clock.instant(), leaseLength);
        if (create(LOCK, mine.format(), "text")) {
            return mine;
        }
        throw new RegistryBusyException(GoldenParameters.LATEST + " is being changed by another writer; retry later");
    }

    /** Deletes a stale lock, unless another contender claimed the break of this very lease first. */
    private void breakStale(RegistryLease stale) {
        if (create(BREAK_MARKERS + stale.owner(), "broken at " + clock.instant(), "text")) {
            delete(LOCK);
        }
    }

    /**
     * Deletes the break markers of stale leases broken more than two lease lengths ago. A marker must outlive every
     * contender that read the stale lease before it was broken (else such a contender could break the new holder's
     * lock); a contender is one function invocation, which ends long before two leases (a lease outlasts one).
     */
    private void sweepBreakMarkers() {
        Instant before = clock.instant().minus(leaseLength.multipliedBy(2));
        String path = BREAK_MARKERS.substring(0, BREAK_MARKERS.length() - 1);
        List<Parameter> markers = AwsCall.run("ssm:GetParametersByPath",
                () -> ssm.getParametersByPathPaginator(r -> r.path(path)).stream().flatMap(page -> page.parameters().stream()).toList());
        markers.stream().filter(marker -> brokenAt(marker.value()).map(at -> at.isBefore(before)).orElse(true))
                .forEach(marker -> delete(marker.name()));
    }

    private static Optional<Instant> brokenAt(String marker) {
        try {
            return Optional.of(Instant.parse(marker.replaceFirst("^broken at ", "")));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void release(RegistryLease lease) {
        if (read(LOCK).filter(lease.format()::equals).isPresent()) {
            delete(LOCK);
        }
    }

    /** Creates a String parameter; false when one of that name already exists. */
    private boolean create(String name, String value, String dataType) {
        return AwsCall.run("ssm:PutParameter", () -> {
            try {
                ssm.putParameter(r -> r.name(name).value(value).type(ParameterType.STRING).dataType(dataType).overwrite(false));
                return true;
            } catch (ParameterAlreadyExistsException e) {
                return false;
            }
        });
    }

    private Optional<String> read(String name) {
        return readParameter(name).map(Parameter::value);
    }

    /** The parameter (a {@code name:version} selector reads that version); empty when it or that version does not exist. */
    private Optional<Parameter> readParameter(String name) {
        return AwsCall.run("ssm:GetParameter", () -> {
            try {
                return Optional.of(ssm.getParameter(r -> r.name(name)).parameter());
            } catch (ParameterNotFoundException | ParameterVersionNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private void delete(String name) {
        AwsCall.run("ssm:DeleteParameter", () -> {
            try {
                return ssm.deleteParameter(r -> r.name(name));
            } catch (ParameterNotFoundException e) {
                return null;
            }
        });
    }
}
