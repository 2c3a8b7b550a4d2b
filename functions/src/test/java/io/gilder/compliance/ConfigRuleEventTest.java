package io.gilder.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gilder.error.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * AWS Config's custom-rule events, in the shapes of Config's developer guide (the invoking event is a JSON
 * document inside a string), read as the Lambda runtime reads them and turned into triggers.
 */
class ConfigRuleEventTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CAPTURED = "2025-05-01T10:00:00.043Z";
    static final String NOTIFIED = "2025-05-01T10:00:05.373Z";

    static String changeItem(String status, String configuration) {
        return "{\"configurationItem\":{\"configurationItemCaptureTime\":\"" + CAPTURED + "\",\"awsAccountId\":\"111111111111\","
                + "\"configurationItemStatus\":\"" + status + "\",\"resourceId\":\"i-0abc\",\"ARN\":\"arn:aws:ec2:us-east-1:111111111111:instance/i-0abc\","
                + "\"awsRegion\":\"us-east-1\",\"resourceType\":\"AWS::EC2::Instance\",\"tags\":{},\"relationships\":[],"
                + "\"configuration\":" + configuration + "},\"notificationCreationTime\":\"" + NOTIFIED + "\","
                + "\"messageType\":\"ConfigurationItemChangeNotification\",\"recordVersion\":\"1.3\"}";
    }

    static String oversized() {
        return "{\"configurationItemSummary\":{\"changeType\":\"UPDATE\",\"configurationItemVersion\":\"1.2\",\"configurationItemCaptureTime\":\""
                + CAPTURED + "\",\"configurationStateId\":0,\"awsAccountId\":\"111111111111\",\"configurationItemStatus\":\"OK\","
                + "\"resourceType\":\"AWS::EC2::Instance\",\"resourceId\":\"i-0abc\",\"resourceName\":null,\"awsRegion\":\"us-east-1\"},"
                + "\"s3DeliverySummary\":{\"s3BucketLocation\":\"config-bucket/AWSLogs/111111111111/Config/us-east-1/item.json\"},"
                + "\"notificationCreationTime\":\"" + NOTIFIED + "\",\"messageType\":\"OversizedConfigurationItemChangeNotification\",\"recordVersion\":\"1.0\"}";
    }

    static String scheduled() {
        return "{\"awsAccountId\":\"111111111111\",\"notificationCreationTime\":\"" + NOTIFIED
                + "\",\"messageType\":\"ScheduledNotification\",\"recordVersion\":\"1.0\"}";
    }

    /** The whole Lambda event, with the fields the record does not use (configRuleArn, executionRoleArn, version). */
    static ConfigRuleEvent event(String invokingEvent, boolean leftScope) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("invokingEvent", invokingEvent).put("ruleParameters", "{}")
                .put("resultToken", "token-1").put("eventLeftScope", leftScope).put("executionRoleArn", "arn:aws:iam::111111111111:role/config-role")
                .put("configRuleArn", "arn:aws:config:us-east-1:111111111111:config-rule/config-rule-0123456")
                .put("configRuleName", "gilder-golden-ami-instances").put("configRuleId", "config-rule-0123456")
                .put("accountId", "111111111111").put("version", "1.0");
        return JSON.readValue(JSON.writeValueAsString(event), ConfigRuleEvent.class);
    }

    @Test
    void aChangeNotificationDescribesTheInstance() throws Exception {
        ConfigRuleEvent event = event(changeItem("OK", "{\"instanceId\":\"i-0abc\",\"imageId\":\"ami-0123\",\"state\":{\"code\":16,\"name\":\"running\"}}"), false);

        assertThat(event.trigger()).isEqualTo(new ComplianceTrigger.InstanceChanged(
                new ObservedInstance("i-0abc", "ami-0123", "running"), Instant.parse(CAPTURED)));
        assertThat(event.resultToken()).isEqualTo("token-1");
        assertThat(event.toString()).doesNotContain("token-1");
    }

    @Test
    void anOversizedNotificationOrAnItemWithoutConfigurationNamesOnlyTheInstanceToRead() throws Exception {
        assertThat(event(oversized(), false).trigger()).isEqualTo(new ComplianceTrigger.InstanceToRead("i-0abc", Instant.parse(CAPTURED)));
        assertThat(event(changeItem("ResourceNotRecorded", "null"), false).trigger())
                .isEqualTo(new ComplianceTrigger.InstanceToRead("i-0abc", Instant.parse(CAPTURED)));
    }

    @Test
    void theScheduledNotificationIsThePeriodicTriggerAtItsCreationTime() throws Exception {
        assertThat(event(scheduled(), false).trigger()).isEqualTo(new ComplianceTrigger.Periodic(Instant.parse(NOTIFIED)));
    }

    @Test
    void anInstanceThatLeftTheScopeOrWasDeletedIsGone() throws Exception {
        String running = "{\"imageId\":\"ami-0123\",\"state\":{\"name\":\"running\"}}";
        assertThat(event(changeItem("OK", running), true).trigger())
                .isEqualTo(new ComplianceTrigger.InstanceGone("i-0abc", "instance left the rule's scope", Instant.parse(CAPTURED)));
        assertThat(event(changeItem("ResourceDeleted", "null"), false).trigger())
                .isEqualTo(new ComplianceTrigger.InstanceGone("i-0abc", "instance was deleted", Instant.parse(CAPTURED)));
        assertThat(event(changeItem("ResourceDeletedNotRecorded", "null"), false).trigger())
                .isInstanceOf(ComplianceTrigger.InstanceGone.class);
    }

    @Test
    void malformedEventsAreRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> event("{\"messageType\":\"ConfigurationSnapshotDeliveryCompleted\"}", false).trigger())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("invokingEvent.messageType is 'ConfigurationSnapshotDeliveryCompleted'");
        assertThatThrownBy(() -> event("not json", false).trigger()).hasMessageContaining("invokingEvent is not a JSON document");
        assertThatThrownBy(() -> event(changeItem("OK", "{}").replace("AWS::EC2::Instance", "AWS::S3::Bucket"), false).trigger())
                .hasMessageContaining("invokingEvent.configurationItem.resourceType is 'AWS::S3::Bucket'");
        assertThatThrownBy(() -> event(scheduled().replace(NOTIFIED, "yesterday"), false).trigger())
                .hasMessageContaining("invokingEvent.notificationCreationTime is not an ISO-8601 time");
        ConfigRuleEvent noToken = new ConfigRuleEvent(scheduled(), null, " ", false, null, null);
        assertThatThrownBy(noToken::trigger).isInstanceOf(InvalidRequestException.class).hasMessageContaining("resultToken is required");
    }
}
