package io.gilder.config;

import io.gilder.rescan.CompareWithLastScanHandler;
import io.gilder.rescan.DeltaDocument;
import io.gilder.rescan.ListActiveGoldenImagesHandler;
import io.gilder.rescan.NotifyRescanSummaryHandler;
import io.gilder.rescan.RecordRescanFailureHandler;
import io.gilder.rescan.RescanImageResult;
import io.gilder.rescan.RescanListing;
import io.gilder.rescan.RescanPointer;
import io.gilder.rescan.SweepRescanInstancesHandler;
import io.gilder.rescan.WriteRescanReportHandler;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types of the rescan handlers and documents that Jackson reads or writes (see {@link NativeReflection}). */
@RegisterForReflection(targets = {ListActiveGoldenImagesHandler.Input.class, ListActiveGoldenImagesHandler.Output.class,
        RescanListing.Item.class, RescanListing.Missing.class, RescanListing.Copy.class,
        SweepRescanInstancesHandler.Input.class, SweepRescanInstancesHandler.Output.class,
        CompareWithLastScanHandler.Input.class, CompareWithLastScanHandler.Subject.class, RescanImageResult.class,
        RescanImageResult.Added.class, RescanImageResult.Resolved.class, RescanImageResult.Policy.class,
        RescanImageResult.Evidence.class, WriteRescanReportHandler.Input.class, WriteRescanReportHandler.Output.class,
        WriteRescanReportHandler.Document.class, NotifyRescanSummaryHandler.Input.class, NotifyRescanSummaryHandler.Output.class,
        RescanImageResult.Revocation.class, RecordRescanFailureHandler.Input.class, RecordRescanFailureHandler.Image.class,
        RecordRescanFailureHandler.Failure.class, RescanPointer.class, DeltaDocument.class})
public final class RescanReflection {

    private RescanReflection() {}
}
