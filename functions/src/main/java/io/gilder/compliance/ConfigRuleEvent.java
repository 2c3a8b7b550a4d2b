package io.gilder.compliance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The event AWS Config sends a custom Lambda rule's function. {@code invokingEvent} is a JSON document in a
 * string, with a {@code messageType} of {@code ConfigurationItemChangeNotification} (a
 * {@code configurationItem}), {@code OversizedConfigurationItemChangeNotification} (only a
 * {@code configurationItemSummary}) or {@code ScheduledNotification} (the periodic trigger). The rule takes
 * no {@code ruleParameters}. {@code resultToken} must be passed back with every evaluation.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigRuleEvent(String invokingEvent, String ruleParameters, String resultToken, boolean eventLeftScope,
        String accountId, String configRuleName) {

    static final String RESOURCE_TYPE = "AWS::EC2::Instance";
    private static final Set<String> DELETED = Set.of("ResourceDeleted", "ResourceDeletedNotRecorded");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws InvalidRequestException naming the field that is missing or malformed */
    ComplianceTrigger trigger() {
        require(resultToken, "resultToken");
        JsonNode event;
        try {
            event = JSON.readTree(require(invokingEvent, "invokingEvent"));
        } catch (JsonProcessingException e) {
            throw invalid("invokingEvent", "is not a JSON document");
        }
        String type = event.path("messageType").asText("");
        return switch (type) {
            case "ConfigurationItemChangeNotification" -> item(event, "configurationItem");
            case "OversizedConfigurationItemChangeNotification" -> item(event, "configurationItemSummary");
            case "ScheduledNotification" -> new ComplianceTrigger.Periodic(time(event, "notificationCreationTime", "invokingEvent"));
            default -> throw invalid("invokingEvent.messageType", "is '" + type + "'; the rule handles ConfigurationItemChangeNotification, "
                    + "OversizedConfigurationItemChangeNotification and ScheduledNotification");
        };
    }

    private ComplianceTrigger item(JsonNode event, String name) {
        String field = "invokingEvent." + name;
        JsonNode item = event.path(name);
        String instanceId = require(item.path("resourceId").asText(null), field + ".resourceId");
        String resourceType = item.path("resourceType").asText("");
        if (!resourceType.equals(RESOURCE_TYPE)) {
            throw invalid(field + ".resourceType", "is '" + resourceType + "'; the rule evaluates " + RESOURCE_TYPE + " only");
        }
        Instant at = item.hasNonNull("configurationItemCaptureTime") ? time(item, "configurationItemCaptureTime", field)
                : time(event, "notificationCreationTime", "invokingEvent");
        if (eventLeftScope) {
            return new ComplianceTrigger.InstanceGone(instanceId, "instance left the rule's scope", at);
        }
        if (DELETED.contains(item.path("configurationItemStatus").asText(""))) {
            return new ComplianceTrigger.InstanceGone(instanceId, "instance was deleted", at);
        }
        JsonNode configuration = item.path("configuration");
        if (!configuration.hasNonNull("imageId")) {
            return new ComplianceTrigger.InstanceToRead(instanceId, at);
        }
        JsonNode state = configuration.path("state").path("name");
        return new ComplianceTrigger.InstanceChanged(new ObservedInstance(instanceId, configuration.get("imageId").asText(),
                state.isTextual() ? state.asText() : null), at);
    }

    private static Instant time(JsonNode node, String name, String parent) {
        String value = require(node.path(name).asText(null), parent + "." + name);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(parent + "." + name, "is not an ISO-8601 time: " + value);
        }
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        return value;
    }

    private static InvalidRequestException invalid(String field, String problem) {
        return new InvalidRequestException("AWS Config rule event", List.of(new FieldProblem(field, problem)));
    }

    /** Never prints the result token or the whole configuration item. */
    @Override
    public String toString() {
        return "ConfigRuleEvent[configRuleName=" + configRuleName + ", accountId=" + accountId + ", eventLeftScope=" + eventLeftScope + "]";
    }
}
