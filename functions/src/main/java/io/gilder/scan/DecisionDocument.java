package io.gilder.scan;


/**
 * The scan policy's decision on one candidate as stored in {@code decision.json}, next to the findings it read.
 *
 * @param scanner  adapter name
 * @param scanRef  the scan whose findings were evaluated
 * @param imageId  the candidate image
 * @param decision the decision, with every blocking finding
 */
public record DecisionDocument(String scanner, String scanRef, String imageId, PolicyDecision decision) {}
