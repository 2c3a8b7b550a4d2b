package io.gilder.rescan;

import io.gilder.registry.ActiveImageList;
import io.gilder.registry.GoldenParameters;
import io.gilder.scan.RescanTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which golden AMIs a rescan covers, decided from the pipeline account's parameters alone. An image is
 * active when it is on {@code /GoldenAMI/latest} (the list the compliance rule trusts), never merely because
 * a version parameter still names it: such versions were retired, revoked or decommissioned and are only
 * counted. Each active image takes its identity from the version parameter holding it (the lowest name when
 * several do); an active image no parameter holds is still re-scanned, as unregistered.
 *
 * @param targets  the images to re-scan, in the order of the active list
 * @param inactive number of version parameters whose image is not active
 */
public record ActiveGoldenImages(List<RescanTarget> targets, int inactive) {

    public ActiveGoldenImages {
        targets = List.copyOf(targets);
    }

    /**
     * @param parameters every parameter under {@link GoldenParameters#ROOT}, name to value (the active list
     *                   among them is ignored; names of any other shape are ignored)
     * @param latest     the value of {@link GoldenParameters#LATEST}, {@code null} when it does not exist
     */
    public static ActiveGoldenImages of(Map<String, String> parameters, String latest) {
        ActiveImageList active = ActiveImageList.parse(latest);
        Map<String, String[]> identityOf = new TreeMap<>();
        int inactive = 0;
        for (Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
            String[] parts = versionParameter(p.getKey());
            if (parts == null || p.getValue() == null) {
                continue;
            }
            String imageId = p.getValue().strip();
            if (!active.ids().contains(imageId)) {
                inactive++;
            } else {
                identityOf.putIfAbsent(imageId, new String[] {parts[0], parts[1], parts[2], p.getKey()});
            }
        }
        List<RescanTarget> targets = new ArrayList<>();
        for (String imageId : active.ids()) {
            String[] id = identityOf.get(imageId);
            targets.add(id == null ? new RescanTarget(imageId, null, null, null, null)
                    : new RescanTarget(imageId, id[0], id[1], id[2], id[3]));
        }
        return new ActiveGoldenImages(targets, inactive);
    }

    /** {@code [os, product, version]} of {@code /GoldenAMI/<os>/<product>/<version>}, or {@code null}. */
    static String[] versionParameter(String name) {
        if (name == null || !name.startsWith(GoldenParameters.ROOT + "/")) {
            return null;
        }
        String[] parts = name.substring(GoldenParameters.ROOT.length() + 1).split("/", -1);
        if (parts.length != 3) {
            return null;
        }
        for (String part : parts) {
            // ".lock/latest.broken/<owner>" is the registry's lock bookkeeping, not a version.
            if (part.isBlank() || part.startsWith(".")) {
                return null;
            }
        }
        return parts;
    }
}
