package io.gilder.config;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.gilder.approval.ApprovalTicket;
import io.gilder.approval.RequestApprovalInput;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types Jackson reads or writes at the boundary of {@code request-approval} and {@code approval-page} (see {@link NativeReflection}). */
@RegisterForReflection(targets = {RequestApprovalInput.class, RequestApprovalInput.ScanSummary.class,
        RequestApprovalInput.Evidence.class, RequestApprovalInput.PolicyResult.class, ApprovalTicket.class,
        APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPEvent.RequestContext.class, APIGatewayV2HTTPEvent.RequestContext.Http.class,
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.class, APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class,
        APIGatewayV2HTTPEvent.RequestContext.IAM.class, APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class,
        APIGatewayV2HTTPResponse.class})
public final class ApprovalReflection {

    private ApprovalReflection() {}
}
