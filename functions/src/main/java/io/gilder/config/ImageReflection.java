package io.gilder.config;

import io.gilder.build.CandidateImage;
import io.gilder.build.CheckImageHandler;
import io.gilder.build.CreateCandidateImageHandler;
import io.gilder.build.GoldenRegistration;
import io.gilder.build.ImageCheck;
import io.gilder.build.RegisterGoldenImageHandler;
import io.gilder.build.cleanup.DiscardCandidateHandler;
import io.gilder.build.cleanup.DiscardReport;
import io.gilder.flow.FailureReason;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Lambda boundary types of the image lifecycle handlers, for native images (see {@link NativeReflection}). */
@RegisterForReflection(targets = {CreateCandidateImageHandler.Input.class, CandidateImage.class,
        CheckImageHandler.Input.class, ImageCheck.class,
        RegisterGoldenImageHandler.Input.class, RegisterGoldenImageHandler.Scan.class,
        RegisterGoldenImageHandler.Approval.class, GoldenRegistration.class,
        DiscardCandidateHandler.Input.class, FailureReason.Failure.class, DiscardReport.class})
public final class ImageReflection {

    private ImageReflection() {}
}
