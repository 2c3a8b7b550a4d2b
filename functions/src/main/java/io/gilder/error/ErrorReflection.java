package io.gilder.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Gilder's exceptions, registered for reflection so a native image keeps their names, constructors and fields:
 * the Lambda error response names the exception class (errorType), which the state machines' Retry and Catch
 * match. ReflectionRegistrationTest fails when an exception of this package is missing here.
 */
@RegisterForReflection(targets = {
        ActiveListFullException.class, ApprovalTaskClosedException.class, AwsCallFailedException.class,
        AwsTransientException.class, BuildCommandFailedException.class,
        CandidateImageFailedException.class, DistributionIncompleteException.class,
        FindingsNotFoundException.class, GilderException.class, ImageCopyFailedException.class,
        ImageInUseException.class, ImageNotDistributableException.class, ImageRevokedException.class,
        IneligibleSourceImageException.class, InstanceLostException.class, InvalidRequestException.class,
        NothingToDecommissionException.class, ProductStillAssociatedException.class,
        ProductTemplateException.class, PublicSharingRefusedException.class, RegistryBusyException.class,
        RetryableException.class, ScanFailedException.class, ScannerAuthenticationException.class,
        ScannerBusyException.class, ScannerRejectedException.class, ScannerResponseException.class,
        ScannerUnavailableException.class, TargetNotScannedException.class, TerminalException.class,
        TooManyImagesException.class, UnknownScannerException.class,
        VersionAlreadyRegisteredException.class, VersionInProgressException.class,
        VersionLockedException.class, WaitTimedOutException.class
})
final class ErrorReflection {
    private ErrorReflection() {
    }
}
